# FaceShift bot. Build: docker build -t faceshift .   Run: docker run --env-file .env -v faceshift-data:/data faceshift
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DATABASE_PATH=/data/faceshift.sqlite3 MEDIA_DIR=/data/media WEB_HOST=0.0.0.0 WEB_PORT=8080

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
CMD ["faceshift"]
