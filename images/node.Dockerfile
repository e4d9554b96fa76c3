# itp/dev-node: Node.js and npm from Debian's packages.
FROM itp/dev-base:latest
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
# Global installs land where any UID can write.
ENV NPM_CONFIG_PREFIX=/usr/local/npm PATH=/usr/local/npm/bin:$PATH
RUN mkdir -p /usr/local/npm && chmod 0777 /usr/local/npm
# The node-web template keeps node_modules in a named volume: a new volume
# takes this directory's mode, so any UID can install into it.
RUN mkdir -p /workspace/node_modules && chmod 0777 /workspace/node_modules
