#!/bin/sh
# The container's entrypoint: runs prayer-guide on the project mounted at /project.
#
# - An empty /project gets the example project of `prayer-guide init`, so a first
#   `docker run` shows something working; a folder with files but no schedule.toml is refused
#   (the wrong folder was mounted) rather than written into.
# - `serve` listens on $PRAYER_GUIDE_LISTEN (0.0.0.0:8080 in the image) unless --listen is given:
#   inside a container, 127.0.0.1 cannot be reached from the host.
# - Every other command runs as given: `docker run ... prayer-guide check`, `... build`.
set -eu

project=${PRAYER_GUIDE_PROJECT:-/project}
program=${PRAYER_GUIDE_PROGRAM:-prayer-guide}

if [ ! -d "$project" ]; then
    echo "error: $project does not exist: mount your project folder there (-v \"\$PWD:$project\")" >&2
    exit 66
fi
if [ ! -f "$project/schedule.toml" ]; then
    if [ -n "$(ls -A "$project")" ]; then
        echo "error: $project has files but no schedule.toml: mount the folder that holds your schedule.toml" >&2
        exit 66
    fi
    if [ ! -w "$project" ]; then
        echo "error: $project is not writable by user $(id -u): on the host, chown -R $(id -u) the folder you mount" >&2
        exit 77
    fi
    "$program" init "$project" >&2
    echo "note: $project was empty: it now holds the example project (edit schedule.toml and guides/)" >&2
fi
if [ ! -w "$project" ]; then
    echo "error: $project is not writable by user $(id -u): the database and the built files go there; on the host, chown -R $(id -u) the folder you mount" >&2
    exit 77
fi
cd "$project"

if [ "$#" -eq 0 ]; then
    set -- serve --with-scheduler
fi
if [ "$1" = "serve" ]; then
    case " $* " in
        *" --listen "* | *" --listen="*) ;;
        *) shift; set -- serve --listen "${PRAYER_GUIDE_LISTEN:-0.0.0.0:8080}" "$@" ;;
    esac
fi
exec "$program" "$@"
