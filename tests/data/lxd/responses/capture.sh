#!/bin/sh
# Captures the LXD responses in this directory from a real daemon (see README.md).
# usage: capture.sh SOCKET OUTDIR   (the daemon must be empty: no images, no aliases)
set -eu
sock=$1
out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# curl -si: status line, headers and body, exactly as they came
get() { curl -si --unix-socket "$sock" "http://lxd$1" > "$out/$2.http"; }
send() { method=$1; target=$2; name=$3; shift 3; curl -si --unix-socket "$sock" -X "$method" "$@" "http://lxd$target" > "$out/$name.http"; }
# the JSON body of a capture, for the ids the next request needs
body() { sed '1,/^\r$/d' "$out/$1.http"; }
op_id() { body "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"]["id"])'; }

# a tiny unified image, byte for byte reproducible: metadata.yaml + rootfs/
mkdir -p "$work/img/rootfs/etc"
printf 'architecture: x86_64\ncreation_date: 1700000000\nproperties:\n  os: cloudimg\n  release: "1"\n  description: cloudimg capture image\n' > "$work/img/metadata.yaml"
echo capture > "$work/img/rootfs/etc/hostname"
tar -C "$work/img" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@1700000000 -cf - metadata.yaml rootfs | gzip -n > "$work/img.tar.gz"
fp=$(sha256sum "$work/img.tar.gz" | cut -d' ' -f1)

get /1.0 server
get /1.0/images/aliases?recursion=1 aliases_recursion1_empty

send POST /1.0/images upload_accepted --data-binary @"$work/img.tar.gz" \
    -H 'Content-Type: application/octet-stream' -H 'X-LXD-filename: capture.tar.gz' \
    -H 'X-LXD-properties: note=a%26b%3Dc%20d'
get "/1.0/operations/$(op_id upload_accepted)/wait?timeout=30" upload_succeeded

send POST /1.0/images upload_bad_accepted --data-binary 'this is not an image' -H 'Content-Type: application/octet-stream'
get "/1.0/operations/$(op_id upload_bad_accepted)/wait?timeout=30" upload_failed

send POST /1.0/images/aliases alias_created -H 'Content-Type: application/json' \
    --data "{\"name\":\"team/web server\",\"target\":\"$fp\",\"description\":\"first\"}"
send POST /1.0/images/aliases alias_conflict -H 'Content-Type: application/json' \
    --data "{\"name\":\"team/web server\",\"target\":\"$fp\"}"
send POST /1.0/images/aliases error_400 -H 'Content-Type: application/json' --data '{"name":"no-target"}'
get /1.0/images/aliases/team%2Fweb%20server alias
get /1.0/images/aliases?recursion=0 aliases_recursion0
get /1.0/images/aliases?recursion=1 aliases_recursion1
send POST /1.0/images/aliases/team%2Fweb%20server alias_renamed -H 'Content-Type: application/json' --data '{"name":"renamed"}'

get "/1.0/images/$fp" image
get /1.0/images?recursion=0 images_recursion0
get /1.0/images?recursion=1 images_recursion1
send PUT "/1.0/images/$fp" image_replaced -H 'Content-Type: application/json' \
    --data '{"auto_update":false,"properties":{"os":"replaced"},"public":true,"profiles":["default"]}'
send PATCH "/1.0/images/$fp" error_412 -H 'Content-Type: application/json' -H 'If-Match: "0000"' --data '{"public":false}'
get "/1.0/images/$(printf 'f%.0s' $(seq 64))" error_404
get '/1.0/images?recursion=1&filter=properties.os%20eq' error_500

send POST "/1.0/images/$fp/secret" secret_accepted
get "/1.0/operations/$(op_id secret_accepted)" secret_running
send DELETE "/1.0/operations/$(op_id secret_accepted)" operation_cancel
get "/1.0/operations/$(op_id secret_accepted)" secret_cancelled

send POST "/1.0/images/$fp/refresh" refresh_accepted
get "/1.0/operations/$(op_id refresh_accepted)/wait?timeout=30" refresh_done

send DELETE /1.0/images/aliases/renamed alias_deleted
send DELETE "/1.0/images/$fp" delete_accepted
get "/1.0/operations/$(op_id delete_accepted)/wait?timeout=30" delete_done
