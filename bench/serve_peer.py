"""Serving benchmark peer: an MLflow-style scoring server for bench/serve.ts.

Usage: /usr/bin/python3 bench/serve_peer.py <train csv> <port>
Fits scikit-learn's HistGradientBoostingRegressor (100 trees, depth 6, as ours) on the taxi
demand rows, pickles the fitted pipeline, then serves it with uvicorn (2 worker processes, on
127.0.0.1 only) the way `mlflow models serve` does: POST /invocations with
{"dataframe_records": [...]} or {"dataframe_split": {...}}, each body read into a pandas
DataFrame and predicted; GET /ping answers once a worker has loaded the model. Leaner than
MLflow's own server, which also enforces the model's input schema.
"""
import os
import pickle
import sys
import tempfile

import numpy as np
import pandas as pd

FEATURES = ["zone", "weather", "temperature_c", "precipitation_mm", "is_holiday"]
CATEGORIES = ["zone", "weather"]
TARGET = "trips"


def features(df):
    """Model inputs from request or training rows: date parts of pickup_hour, codes for categories."""
    t = pd.to_datetime(df["pickup_hour"])
    out = pd.DataFrame(
        {
            "hour": t.dt.hour,
            "day_of_week": t.dt.dayofweek,
            "month": t.dt.month,
            "day_of_month": t.dt.day,
        }
    )
    for name in FEATURES:
        out[name] = df[name].astype(str) if name in CATEGORIES else df[name].astype(float)
    return out


def fit(csv_path):
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OrdinalEncoder

    data = pd.read_csv(csv_path)
    x = features(data)
    numeric = [c for c in x.columns if c not in CATEGORIES]
    encode = ColumnTransformer(
        [
            ("categories", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan), CATEGORIES),
            ("numbers", "passthrough", numeric),
        ]
    )
    model = HistGradientBoostingRegressor(
        max_iter=100,
        max_depth=6,
        learning_rate=0.1,
        categorical_features=list(range(len(CATEGORIES))),
        early_stopping=False,
        random_state=0,
    )
    pipeline = Pipeline([("encode", encode), ("model", model)])
    pipeline.fit(x, data[TARGET].astype(float))
    return pipeline


def create_app():
    from fastapi import FastAPI, HTTPException, Request

    with open(os.environ["SERVE_PEER_MODEL"], "rb") as f:
        pipeline = pickle.load(f)
    app = FastAPI()

    @app.get("/ping")
    def ping():
        return {"status": "ok"}

    @app.post("/invocations")
    async def invocations(request: Request):
        body = await request.json()
        if "dataframe_records" in body:
            df = pd.DataFrame.from_records(body["dataframe_records"])
        elif "dataframe_split" in body:
            split = body["dataframe_split"]
            df = pd.DataFrame(split["data"], columns=split["columns"])
        else:
            raise HTTPException(status_code=400, detail="expected dataframe_records or dataframe_split")
        return {"predictions": pipeline.predict(features(df)).tolist()}

    return app


def main():
    import uvicorn

    csv_path, port = sys.argv[1], int(sys.argv[2])
    model_path = os.path.join(tempfile.mkdtemp(prefix="serve-peer-"), "model.pkl")
    with open(model_path, "wb") as f:
        pickle.dump(fit(csv_path), f)
    os.environ["SERVE_PEER_MODEL"] = model_path
    # Workers import this file by name, so its folder must be on their path.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    uvicorn.run(
        "serve_peer:create_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        workers=2,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
