-- AlterEnum
ALTER TYPE "UnitKind" ADD VALUE 'city';
