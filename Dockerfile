# syntax=docker/dockerfile:1
# The De-escalation Zones Atlas, served read-only by default (README: "Serving the atlas").
#   docker build -t deescalation-atlas .
#   docker run -p 8501:8501 -v atlas-data:/data deescalation-atlas

# --- stage 1: the map's browser assets, from the npm registry, checked like setup.sh does ---
FROM node:20.20.2-bookworm-slim AS leaflet
WORKDIR /build/assets
COPY assets/package.json assets/package-lock.json assets/leaflet.sha256 ./
# npm ci installs the exact version of the lock file and checks the registry's integrity hash;
# our own sha256 list is checked before the files are copied on.
RUN npm ci --no-audit --no-fund \
    && mkdir -p /build/leaflet/images \
    && cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css /build/leaflet/ \
    && cp node_modules/leaflet/dist/images/*.png /build/leaflet/images/
WORKDIR /build/leaflet
RUN sha256sum --quiet -c /build/assets/leaflet.sha256

# --- stage 2: the app ---------------------------------------------------------------------------
FROM python:3.11.7-slim-bookworm
# Arabic labels on exported maps (matplotlib) need the Noto fonts; the browser brings its own.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-core=20201225-1 \
    && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ATLAS_SEEDS_DIR=/data/articles \
    ATLAS_MODE=read-only
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=leaflet /build/leaflet static/vendor/leaflet
# The Arabic catalog compiled once here (the app would otherwise compile the .po at each start).
RUN python3 -m babel.messages.frontend compile --domain atlas --directory geo/locale
# A non-root user owns only the data folder: the code stays read-only to the app. A new named
# volume mounted on /data takes this ownership.
RUN groupadd --system --gid 10001 atlas \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/atlas atlas \
    && mkdir -p /data/articles \
    && chown -R atlas:atlas /data
VOLUME ["/data"]
USER 10001:10001
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python3", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["/app/scripts/serve"]
