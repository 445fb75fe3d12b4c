trap - ERR EXIT
$client --complete
exit 0
