# itp/dev-base: the common base of the dev images. Debian, the tools a
# developer expects in a terminal, and a home that works for any UID:
# itp-dev runs the dev container as the host user's UID and GID, whatever
# the image's user is called, so files created in the repository stay the
# developer's.
FROM debian:bookworm-slim
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      bash bash-completion ca-certificates curl git less locales make \
      openssh-client procps sudo unzip vim-tiny wget xz-utils \
 && rm -rf /var/lib/apt/lists/*
# The named user of the templates; any UID may use its home.
RUN useradd --create-home --uid 1000 --shell /bin/bash dev \
 && echo 'dev ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/dev \
 && mkdir -p /home/dev/.cache \
 && chmod 0777 /home/dev /home/dev/.cache
ENV HOME=/home/dev LANG=C.UTF-8
WORKDIR /workspace
CMD ["bash"]
