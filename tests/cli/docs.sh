#!/bin/sh
# The docs' sample outputs are the tool's real outputs: every "$ llmtco ..."
# line in a code block of README.md and docs/cli.md that is followed by
# output is run (from the source tree, with --today 2026-11-23 unless the
# line gives one) and what it prints, stdout and stderr together, must
# begin with the lines shown (stdout first, then stderr). A sample that
# names a file of the reader's own (my-scenario.yaml), missing here, is not
# run. A line "..." (indented or not) stands for any lines; a line
# ending in "..." for any line starting with the text before it. A block
# whose commands show no output is not run.
# usage: docs.sh LLMTCO SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"

# split every sample into NNN.cmd (the command line) and NNN.want
for doc in README.md docs/cli.md; do
	awk -v dir="$tmp" -v doc="$doc" '
	function flush() {
		while (n > 0 && out[n] == "") n--
		if (cmd != "" && n > 0) {
			k++
			f = sprintf("%s/%s-%03d", dir, name, k)
			print cmd > (f ".cmd"); close(f ".cmd")
			print doc ":" cmdline > (f ".where"); close(f ".where")
			for (i = 1; i <= n; i++) print out[i] > (f ".want")
			close(f ".want")
		}
		cmd = ""; n = 0
	}
	BEGIN { name = doc; gsub(/[^A-Za-z0-9]/, "_", name) }
	/^```/ { flush(); fenced = !fenced; next }
	{
		line = $0
		if (!fenced) {
			# README: an indented block
			if (line ~ /^    /) line = substr(line, 5)
			else if (line == "" && cmd != "") { out[++n] = ""; next }
			else { flush(); next }
		}
		if (cont) { # a command continued with "\"
			cmd = cmd " " line
			cont = sub(/ *\\$/, "", cmd)
			next
		}
		if (line ~ /^\$ (build\/)?llmtco( |$)/) {
			flush()
			cmd = line; sub(/^\$ (build\/)?llmtco/, "", cmd); cmdline = NR
			cont = sub(/ *\\$/, "", cmd)
			next
		}
		if (line ~ /^\$ /) { flush(); next }
		if (cmd != "") out[++n] = line
	}
	END { flush() }' "$doc"
done

# match WANT GOT: WANT's lines at the start of GOT, with the wildcards above
match() {
	awk '
	NR == FNR { want[++nw] = $0; next }
	{ got[++ng] = $0 }
	END {
		j = 1
		for (i = 1; i <= nw; i++) {
			w = want[i]
			if (w ~ /^ *\.\.\.$/) {
				if (i == nw) exit 0
				# skip to the next line that matches the line after "..."
				while (j <= ng && !ok(want[i + 1], got[j])) j++
				continue
			}
			if (j > ng || !ok(w, got[j])) { print "  want: " w; print "  got:  " (j <= ng ? got[j] : "(end of output)"); exit 1 }
			j++
		}
		exit 0
	}
	function ok(w, g,   p) {
		if (w == g) return 1
		if (w ~ /\.\.\.$/) { p = substr(w, 1, length(w) - 3); sub(/ +$/, "", p); return substr(g, 1, length(p)) == p }
		return 0
	}' "$1" "$2"
}

for c in "$tmp"/*.cmd; do
	[ -e "$c" ] || continue
	base=${c%.cmd}
	args=$(cat "$c")
	today="--today 2026-11-23"
	case $args in *--today*) today="" ;; esac
	# a sample about a file of the reader's (my-scenario.yaml) is not run
	missing=""
	prev=""
	for w in $args; do
		case $w in
		*.yaml | *.yml | *.json) [ "$prev" = "-o" ] || [ -e "$w" ] || missing=$w ;;
		esac
		prev=$w
	done
	[ -n "$missing" ] && continue
	(cd "$tmp" && ln -sf "$src/examples" "$src/tests" "$src/data" . 2>/dev/null)
	# what it prints on stdout, then on stderr, as the samples show them
	(cd "$tmp" && eval "NO_COLOR= \"$bin\" $today $args" >"$base.got" 2>"$base.err")
	cat "$base.err" >>"$base.got"
	if match "$base.want" "$base.got" >"$base.diff"; then
		pass=$((pass + 1))
	else
		echo "FAIL $(cat "$base.where"): llmtco$args"
		cat "$base.diff"
		fail=$((fail + 1))
	fi
done

# the man page has every command of `llmtco help` and every long option
# its help texts list
man=$(sed 's/\\-/-/g' docs/llmtco.1)
cmds=$("$bin" help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
for c in $cmds; do
	printf '%s\n' "$man" | grep -Eq "^\.B[IR]? \"?$c( |\"|$)" && ok || no "docs/llmtco.1: no entry for the command $c"
done
for c in "" $cmds; do
	"$bin" help $c 2>&1
done | grep -o -- '--[a-z][a-z-]*' | sort -u | while read -r f; do
	printf '%s\n' "$man" | grep -q -- "$f" || echo "$f"
done >"$tmp/no-man"
[ -s "$tmp/no-man" ] && no "docs/llmtco.1 lacks the options $(tr '\n' ' ' <"$tmp/no-man")" || ok
finish nonempty
