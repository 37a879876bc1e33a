-- CreateTable
CREATE TABLE "InboxMessage" (
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "handledAt" TIMESTAMP(3),

    CONSTRAINT "InboxMessage_pkey" PRIMARY KEY ("accountId","messageId")
);

-- Messages handled before the inbox existed keep their mark, so a replay of one is still handled once.
INSERT INTO "InboxMessage" ("accountId", "messageId", "conversation", "payload", "receivedAt", "handledAt")
SELECT "accountId", "messageId", '', '{}'::jsonb, "handledAt", "handledAt" FROM "HandledMessage";

-- DropTable
DROP TABLE "HandledMessage";

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "key" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentionIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "InboxMessage_handledAt_receivedAt_idx" ON "InboxMessage"("handledAt", "receivedAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_sentAt_createdAt_idx" ON "OutboxMessage"("sentAt", "createdAt");
