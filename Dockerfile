# syntax=docker/dockerfile:1
# prayer-guide in a container: build once, run `serve --with-scheduler` (sign-up, digests) or any
# command on a project folder mounted at /project.
#
#   docker build -t prayer-guide .
#   docker run --rm -v "$PWD:/project" prayer-guide check
#   docker compose -f contrib/container/compose.yaml up -d
#
# Stage 1 compiles the release binary; stage 2 is Debian slim with the fonts the PDFs use, the
# binary, and nothing else of the build.

FROM docker.io/library/rust:1-trixie AS build
WORKDIR /src
COPY . .
# BuildKit caches (the default builder of Docker 23+ and Podman): crates.io downloads and compiled
# dependencies survive between builds, so a rebuild after a change takes minutes, not a quarter hour.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
    && install -m 755 target/release/prayer-guide /usr/local/bin/prayer-guide

FROM docker.io/library/debian:trixie-slim
# Fonts: DejaVu Sans (the sheets' sans-serif, Arabic letters) and Noto (Arabic, Hebrew,
# Armenian, Georgian, Devanagari, ...). Add fonts-noto-cjk for Chinese, Japanese and Korean
# (about 90 MB more): docker build --build-arg EXTRA_PACKAGES=fonts-noto-cjk .
ARG EXTRA_PACKAGES=""
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       fonts-dejavu-core fonts-noto-core curl ${EXTRA_PACKAGES} \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/prayer-guide /usr/local/bin/prayer-guide
COPY contrib/container/entrypoint.sh /usr/local/bin/prayer-guide-entrypoint
# Not root: the project folder (a volume) must be writable by uid 10001.
RUN useradd --uid 10001 --user-group --home-dir /project --no-create-home prayer \
    && mkdir -p /project && chown prayer:prayer /project
USER prayer
WORKDIR /project
VOLUME ["/project"]
ENV PRAYER_GUIDE_LISTEN=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD curl -fsS "http://127.0.0.1:${PRAYER_GUIDE_LISTEN##*:}/healthz" || exit 1
ENTRYPOINT ["/usr/local/bin/prayer-guide-entrypoint"]
CMD ["serve", "--with-scheduler"]
