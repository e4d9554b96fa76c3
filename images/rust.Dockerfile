# itp/dev-rust: Rust from Debian's packages (cargo, rustc, clippy, rustfmt)
# plus what crates that build C code need.
FROM itp/dev-base:latest
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      cargo rustc rust-clippy rustfmt build-essential pkg-config libssl-dev \
 && rm -rf /var/lib/apt/lists/*
# A cargo home any UID can write (the templates keep its registry in a volume).
ENV CARGO_HOME=/usr/local/cargo PATH=/usr/local/cargo/bin:$PATH
RUN mkdir -p /usr/local/cargo/registry && chmod -R 0777 /usr/local/cargo
