#!/bin/sh
# make run: start sitrep on the user's config, or on config.example.ini when
# there is none yet (so a first run shows real sources with zero set-up).
set -eu
bin=${1:-./sitrep}
user_cfg=${XDG_CONFIG_HOME:-$HOME/.config}/sitrep/config.ini
case ${XDG_CONFIG_HOME:-} in
/*) ;;
*) user_cfg=$HOME/.config/sitrep/config.ini ;;
esac
if [ -f "$user_cfg" ]; then
	exec "$bin"
fi
echo "sitrep: no $user_cfg yet; using config.example.ini (copy it there to make it yours)" >&2
exec "$bin" --config config.example.ini
