"""Training benchmark peers: fit scikit-learn or XGBoost on the rows bench/train.ts wrote.

Usage: /usr/bin/python3 bench/train_peers.py <case dir> <sklearn|xgboost>
Prints one JSON object: fitSeconds, fitCpuSeconds (all threads), peakRssMb, rmse.

Settings mirror ours: 100 trees, learning rate 0.1, 20 rows per leaf, l2 0, 255 value bins,
no early stopping, and both limits at once: depth 6 (root at depth 0, as all three engines
count it) and 31 leaves. scikit-learn grows best-first like ours, so max_depth=6 with
max_leaf_nodes=31 is the same rule. XGBoost needs grow_policy="lossguide" for best-first
growth with max_leaves=31 and max_depth=6; its min_child_weight is a hessian sum, which for
squared error (hessian 1) is the row count; max_bin=256 to give 255 value bins as ours.
Both peers use every core (OpenMP); ours picks its threads itself.
"""
import json
import resource
import sys
import time

import numpy as np


def load(case_dir):
    with open(f"{case_dir}/case.json") as f:
        meta = json.load(f)
    n, p, n_train = meta["nRows"], meta["nFeatures"], meta["nTrain"]
    # Column-major float32 on disk, as the engine holds it.
    x = np.fromfile(f"{case_dir}/x.bin", dtype=np.float32).reshape(p, n).T
    y = np.fromfile(f"{case_dir}/y.bin", dtype=np.float64)
    return meta, x[:n_train], y[:n_train], x[n_train:], y[n_train:]


def make(engine, s):
    if engine == "sklearn":
        from sklearn.ensemble import HistGradientBoostingRegressor

        return HistGradientBoostingRegressor(
            max_iter=s["nEstimators"],
            learning_rate=s["learningRate"],
            max_depth=s["maxDepth"],
            max_leaf_nodes=s["maxLeaves"],
            min_samples_leaf=s["minSamplesLeaf"],
            l2_regularization=s["l2"],
            max_bins=s["maxBins"],
            early_stopping=False,
            random_state=0,
        )
    import xgboost

    # Squared error has hessian 1, so min_child_weight is a minimum row count per leaf.
    return xgboost.XGBRegressor(
        n_estimators=s["nEstimators"],
        learning_rate=s["learningRate"],
        max_depth=s["maxDepth"],
        max_leaves=s["maxLeaves"],
        grow_policy="lossguide",
        tree_method="hist",
        min_child_weight=s["minSamplesLeaf"],
        reg_lambda=s["l2"],
        max_bin=s["maxBins"] + 1,
        random_state=0,
    )


def main():
    case_dir, engine = sys.argv[1], sys.argv[2]
    meta, x_train, y_train, x_test, y_test = load(case_dir)
    model = make(engine, meta["settings"])
    start = time.perf_counter()
    cpu_start = time.process_time()
    model.fit(x_train, y_train)
    fit_seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    pred = model.predict(x_test)
    rmse = float(np.sqrt(np.mean((pred - y_test) ** 2)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"fitSeconds": fit_seconds, "fitCpuSeconds": cpu_seconds, "peakRssMb": peak_mb, "rmse": rmse}))


if __name__ == "__main__":
    main()
