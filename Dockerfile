# FaceShift bot.
#   Build: docker build -t faceshift .
#   Run:   docker run -d --name faceshift --env-file .env --stop-timeout 40 -v faceshift-data:/data faceshift
# or with compose.yaml (a TLS proxy in front). The image sets the paths and listen addresses below; the .env
# file must leave them unset (.env.example has them commented out; see the README, "Docker").
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_PATH=/data/faceshift.sqlite3 MEDIA_DIR=/data/media RESULTS_DIR=/data/results \
    WEB_HOST=0.0.0.0 WEB_PORT=8080 METRICS_HOST=0.0.0.0 METRICS_PORT=9464

# DejaVu Sans draws the labels of before / after pictures and collages, and the operator's mark.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 faceshift && mkdir /data && chown faceshift /data
WORKDIR /app

# The dependencies first, exactly as locked (versions and hashes): this layer is rebuilt only when
# requirements.lock changes, not on every change to the source.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

# Then the project itself, leaving the locked dependencies alone (setuptools comes from the lock too).
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
RUN pip install --no-deps --no-build-isolation . && faceshift --version

USER faceshift
VOLUME ["/data"]
# 8080: the web server (put a TLS proxy in front); 9464: /metrics (publish it on 127.0.0.1 only, if at all).
EXPOSE 8080 9464
# /healthz answers 200 when the database and the Bot API are reachable (no curl in the slim image).
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('WEB_PORT', '8080') + '/healthz', timeout=8)"]
# SIGTERM: stop taking updates, let running jobs finish (SHUTDOWN_GRACE, 20 s), release the rest, exit.
# Give it more than that before SIGKILL: docker run --stop-timeout 40, or compose's stop_grace_period.
STOPSIGNAL SIGTERM
CMD ["faceshift", "run"]
