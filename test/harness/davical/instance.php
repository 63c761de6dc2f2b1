<?php
// Points DAViCal at one test instance's own configuration file instead of /etc/davical/config.php,
// which is global. DAViCal's always.php loads '/etc/davical/' . $_SERVER['SERVER_NAME'] . '-conf.php'
// first when that file exists; a SERVER_NAME of '../../tmp/X/davical' makes that path
// /etc/davical/../../tmp/X/davical-conf.php, the instance's file (given in DAVSCOPE_DAVICAL_CONF,
// which must end in -conf.php). That file sets SERVER_NAME back to the real name before DAViCal
// builds a URL from it. Nothing under /etc is written, and every instance reads only its own file.
$davscope_conf = getenv('DAVSCOPE_DAVICAL_CONF');
if (!is_string($davscope_conf) || !str_ends_with($davscope_conf, '-conf.php') || !is_file($davscope_conf) || !is_dir('/etc/davical')) {
  http_response_code(500);
  header('Content-Type: text/plain');
  echo "davscope's DAViCal harness: DAVSCOPE_DAVICAL_CONF must name an existing ...-conf.php and /etc/davical must exist\n";
  exit(1);
}
$_SERVER['SERVER_NAME'] = '../..' . substr($davscope_conf, 0, -strlen('-conf.php'));
