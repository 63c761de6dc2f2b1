<?php
// Router for PHP's built-in server (php -S 127.0.0.1:PORT -t /usr/share/davical/htdocs router.php):
// DAViCal's scripts are served as they are (/caldav.php/user/... reaches caldav.php with PATH_INFO),
// /.well-known/... goes to caldav.php as Debian's Apache site does (RewriteRule ^/\.well-known/(.*)$
// /davical/caldav.php/.well-known/$1), and every request reads its instance's configuration.
require __DIR__ . '/instance.php';
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (is_string($path) && str_starts_with($path, '/.well-known/')) {
  $_SERVER['SCRIPT_NAME'] = '/caldav.php';
  $_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/caldav.php';
  $_SERVER['PATH_INFO'] = $path;
  $_SERVER['PHP_SELF'] = '/caldav.php' . $path;
  chdir($_SERVER['DOCUMENT_ROOT']);
  require $_SERVER['SCRIPT_FILENAME'];
  return true;
}
return false;
