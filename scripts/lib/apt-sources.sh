# shellcheck shell=bash
# The Debian archive this machine's apt is configured to use, read as apt reads it: the files
# apt-config names (Dir::Etc::SourceList, and *.list and deb822 *.sources under
# Dir::Etc::SourceParts, so APT_CONFIG and apt.conf.d settings count), the first enabled `deb`
# entry for `bookworm`. Behind a company mirror this is the mirror; no host name is assumed.
#
#   debian_uri            prints the archive's URI as the sources give it, or nothing
debian_uri() {
  local list='' parts='' f
  eval "$(apt-config shell list Dir::Etc::SourceList/f parts Dir::Etc::SourceParts/d)"
  {
    for f in "$list" "$parts"*.list; do
      [ -f "$f" ] || continue
      # One-line format: deb [options] URI SUITE COMPONENT...
      awk '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ } if ($(i + 1) == "bookworm") print $i }' "$f"
    done
    for f in "$parts"*.sources; do
      [ -f "$f" ] || continue
      # deb822: stanzas separated by blank lines, with Types, URIs, Suites and Enabled fields.
      awk 'BEGIN { RS = ""; FS = "\n" }
        { types = ""; uris = ""; suites = ""; enabled = "yes"
          for (l = 1; l <= NF; l++) {
            line = $l; if (line ~ /^[ \t]*#/) continue
            split(line, kv, ":"); key = tolower(kv[1]); sub(/^[^:]*:[ \t]*/, "", line)
            if (key == "types") types = line; else if (key == "uris") uris = line
            else if (key == "suites") suites = line; else if (key == "enabled") enabled = tolower(line)
          }
          if (enabled != "no" && (" " types " ") ~ / deb / && (" " suites " ") ~ / bookworm /) { split(uris, u, /[ \t]+/); print u[1] } }' "$f"
    done
  } | head -n 1
}
