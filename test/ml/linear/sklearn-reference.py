"""Reference coefficients for logistic.test.ts and ridge.test.ts, computed once with Debian's
scikit-learn 1.2 (/usr/bin/python3 test/ml/linear/sklearn-reference.py) and hard-coded there.
The rows are the same integer formulas as in the tests, rounded to float32 as the engine holds them.
newton-cg is used because it converges to 1e-9 here where lbfgs stops at a gradient of 5e-5.
Coefficients are folded back to raw features: w / scale, b - sum(w * mean / scale).
"""
import json

import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.preprocessing import StandardScaler

n = 120
i = np.arange(n)
x = np.stack(
    [
        ((i * 37) % 101) / 10,
        ((i * 53) % 97) / 7 - 5,
        (i % 7) - 3.0,
    ],
    axis=1,
).astype(np.float32).astype(np.float64)
noise = ((i * 13) % 11) / 2
y_bin = (x[:, 0] - 0.5 * x[:, 1] + noise - 7 > 0).astype(int)
score = x[:, 0] - x[:, 1] + noise
y_multi = np.digitize(score, [6, 11])
y_reg = 3 * x[:, 0] - 2 * x[:, 1] + 0.5 * x[:, 2] + 4 + (noise - 2.5) / 10


def fold(scaler, coef, intercept):
    w = coef / scaler.scale_
    return w.tolist(), float(intercept - np.sum(w * scaler.mean_))


out = {}
scaler = StandardScaler().fit(x)
z = scaler.transform(x)
for name, y in [("binary", y_bin), ("multiclass", y_multi)]:
    m = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12, max_iter=100000).fit(z, y)
    out[name] = [fold(scaler, m.coef_[c], m.intercept_[c]) for c in range(m.coef_.shape[0])]
    out[name + "_classes"] = np.bincount(y).tolist()
r = Ridge(alpha=1.0).fit(z, y_reg)
out["ridge"] = fold(scaler, r.coef_, r.intercept_)
print(json.dumps(out, indent=1))
