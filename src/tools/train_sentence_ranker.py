"""Trains kabar's built-in sentence ranker (src/main/resources/dev/kabar/summarize/sentence-ranker.txt).

kabar computes the features itself and evaluates the trees itself; only this training step uses
Python, with LightGBM (tested with lightgbm 4.7.0, numpy 2). The training data comes from kabar, so
the model sees exactly the features kabar computes when it summarises:

    java -jar target/kabar.jar eval-summaries --indosum ../shared/corpus/indosum --folds 1,2,3 --features-out /tmp/train.csv
    java -jar target/kabar.jar eval-summaries --indosum ../shared/corpus/indosum --folds 4 --features-out /tmp/fold4.csv
    python3 src/tools/train_sentence_ranker.py /tmp/train.csv --held-out /tmp/fold4.csv

Articles of the held-out file are removed from the training rows (IndoSum's folds share some), so
the held-out fold stays unseen and kabar's report on it is fair. The target is IndoSum's extractive
oracle label. Training is single-threaded and deterministic: the same CSV gives the same model.

It also writes a check file: held-out rows with LightGBM's own raw scores, which kabar's tests
compare with its Java evaluation of the same model.
"""
import argparse
import csv

import lightgbm as lgb
import numpy as np

# Chosen by 3-fold cross-validation over the training articles (see the README).
PARAMS = dict(n_estimators=300, num_leaves=15, learning_rate=0.03, min_child_samples=50,
              num_threads=1, deterministic=True, force_row_wise=True, seed=1, verbose=-1)


def read(path):
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    assert header[:3] == ['article', 'sentence', 'label'], header[:3]
    ids = [r[0] for r in rows]
    y = np.array([int(r[2]) for r in rows])
    x = np.array([[float(v) for v in r[3:]] for r in rows])
    return header[3:], ids, x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('train')
    ap.add_argument('--held-out', required=True)
    ap.add_argument('--out', default='src/main/resources/dev/kabar/summarize/sentence-ranker.txt')
    ap.add_argument('--check', default='src/test/resources/dev/kabar/summarize/sentence-ranker-check.csv')
    ap.add_argument('--check-rows', type=int, default=300)
    a = ap.parse_args()
    names, ids, x, y = read(a.train)
    held_names, held_ids, hx, _ = read(a.held_out)
    assert names == held_names, 'the two files have different features'
    held = set(held_ids)
    keep = np.array([i not in held for i in ids])
    print('training rows %d of %d (%d articles), held-out articles %d' %
          (keep.sum(), len(ids), len(set(i for i, k in zip(ids, keep) if k)), len(held)))
    model = lgb.LGBMClassifier(**PARAMS).fit(x[keep], y[keep], feature_name=names)
    model.booster_.save_model(a.out)
    raw = model.booster_.predict(hx[:a.check_rows], raw_score=True)
    with open(a.check, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['raw_score'] + names)
        for score, row in zip(raw, hx[:a.check_rows]):
            w.writerow([repr(float(score))] + [repr(float(v)) for v in row])
    print('wrote', a.out, 'and', a.check)


if __name__ == '__main__':
    main()
