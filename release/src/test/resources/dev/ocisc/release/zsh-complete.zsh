# Completes a command line in a real interactive zsh (driven through zsh/zpty) with a completion script loaded,
# and prints every match zsh offers, one a line: the matches are captured by wrapping compadd.
# $1: the completion script; $2: the command line to complete; prints the matches zsh offers, one a line.
zmodload zsh/zpty
out=$(mktemp)
zpty z zsh -f -i
zpty -w z "PROMPT=''; autoload -U +X compinit && compinit -u; source ${(q)1}"
zpty -w z "compadd() { builtin compadd -A __hits \"\$@\"; print -rl -- \$__hits >> ${(q)out}; builtin compadd \"\$@\"; }"
zpty -w z "$2"$'\t'
zpty -w z $'\C-u'"print DONE"
zpty -w z $'\n'
local line
while zpty -r -t z line 2>/dev/null || sleep 0.2; do [[ $line == *DONE* && $line != *print* ]] && break; (( SECONDS > 15 )) && break; done
zpty -d z
cat $out; rm -f $out
