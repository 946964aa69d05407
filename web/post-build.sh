#!/bin/sh
# Trunk's post_build hook (Trunk.toml), run on the staged site before it is published to dist:
# - with inject_scripts off, Trunk leaves the page's `<link data-trunk rel="rust">` (a path into
#   the repository) in index.html: drop it;
# - write a gzip -9 copy next to every page, script, style sheet and wasm, which nginx serves as it
#   is (gzip_static in web/nginx/ecsimg.conf): the best compression, at no cost per request.
set -eu
site=${1:?usage: post-build.sh SITE_DIR}
sed -i '/data-trunk rel="rust"/d' "$site/index.html"
find "$site" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \) \
  -exec gzip -9 -n -k -f {} +
