"""Paired check: full parse MB/s and the re baseline of one checkout, over every 3rd chillicoder cable.

    python benchmarks/paired_parse.py /path/to/checkout   # run alternately for two checkouts
"""
import sys, time, glob, json
root = sys.argv[1]; sys.path.insert(0, root)
sys.path.insert(0, root + '/benchmarks')
from _corpus import Corpus, re_baseline
import cablegrammar
from pathlib import Path
c = Corpus('c', sorted(Path(p) for p in glob.glob('/work/shared/corpus/chillicoder_cablegate/*.txt'))[::3])
res = {}
for name, fn in (('re', re_baseline), ('parse', cablegrammar.parse)):
    best = 1e9
    for _ in range(3):
        t = time.process_time(); [fn(x) for x in c.texts]; best = min(best, time.process_time() - t)
    res[name] = c.bytes / 1e6 / best
print(json.dumps({'root': root, 'parse_MBps': round(res['parse'], 2), 're_MBps': round(res['re'], 1), 'parse_time_vs_re': round(res['re'] / res['parse'], 1)}))
