# itp/dev-python: Python 3 with pip and venv from Debian's packages.
FROM itp/dev-base:latest
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip python3-venv python3-dev build-essential \
 && rm -rf /var/lib/apt/lists/*
# A virtualenv any UID can install into, first on PATH: `pip install` just works.
RUN python3 -m venv /opt/venv && chmod -R 0777 /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH PIP_CACHE_DIR=/home/dev/.cache/pip
# The python-api template keeps pip's cache in a named volume: a new volume
# takes this directory's mode, so any UID can write to it.
RUN mkdir -p /home/dev/.cache/pip && chmod -R 0777 /home/dev/.cache
