# Makes assets/fonts/NotoSansSC-Subset.otf: Noto Sans CJK SC Regular (SIL OFL 1.1) cut to what charts print —
# ASCII, CJK and full-width punctuation, and every hanzi of GB 2312 (6,763) — so a chart renders Chinese on any
# machine with no font installed. Run by hand when the subset must change (it needs Debian's fonts-noto-cjk and
# python3-fonttools): /usr/bin/python3 scripts/fonts/make-cjk-subset.py
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

SRC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
OUT = 'assets/fonts/NotoSansSC-Subset.otf'

coll = TTCollection(SRC)
index = next(i for i, f in enumerate(coll.fonts) if f['name'].getDebugName(1) == 'Noto Sans CJK SC')

chars = set(range(0x20, 0x7F)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | set(range(0x2010, 0x2070)) | {0xB7, 0xD7}
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([hi, lo]).decode('gb2312')))
        except UnicodeDecodeError:
            pass

font = coll.fonts[index]
opts = subset.Options()
opts.layout_features = []
opts.name_IDs = ['*']
opts.name_languages = [0x409]
opts.notdef_outline = True
opts.hinting = False
s = subset.Subsetter(opts)
s.populate(unicodes=chars)
s.subset(font)
font.save(OUT)
print(f'{OUT}: {len(chars)} characters', file=sys.stderr)
