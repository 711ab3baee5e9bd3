# FaceShift bot. Build: docker build -t faceshift .   Run: docker run --env-file .env -v faceshift-data:/data faceshift
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DATABASE_PATH=/data/faceshift.sqlite3 MEDIA_DIR=/data/media RESULTS_DIR=/data/results \
    WEB_HOST=0.0.0.0 WEB_PORT=8080

RUN useradd --create-home --uid 10001 faceshift && mkdir /data && chown faceshift /data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
RUN pip install .

USER faceshift
VOLUME ["/data"]
EXPOSE 8080
# /healthz answers 200 when the database and the Bot API are reachable (no curl in the slim image).
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('WEB_PORT', '8080') + '/healthz', timeout=8)"]
# SIGTERM: stop taking updates, let running jobs finish (SHUTDOWN_GRACE), release the rest, exit.
STOPSIGNAL SIGTERM
CMD ["faceshift"]
