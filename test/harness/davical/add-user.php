<?php
// Makes a DAViCal user the way DAViCal's own admin page does (ui/principal-edit.php): the principal
// through the Principal class, then its home collections (calendar, .in, .out, addresses) and
// default relationships. The password is stored in DAViCal's "**plaintext" form, which
// session_validate_password compares as is.
// php add-user.php USER PASSWORD, with DAVSCOPE_DAVICAL_CONF set as for the router.
if ($argc !== 3) {
  fwrite(STDERR, "usage: php add-user.php USER PASSWORD\n");
  exit(2);
}
require __DIR__ . '/instance.php';
$_SERVER['SCRIPT_NAME'] = '/caldav.php';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PORT'] = 80;
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
chdir('/usr/share/davical/htdocs');
require 'always.php';
require_once 'Principal.php';
require_once 'auth-functions.php';
[, $user, $password] = $argv;
$principal = new Principal('username', $user);
if ($principal->Exists()) {
  fwrite(STDERR, "user $user exists already\n");
  exit(1);
}
$principal->Create(['username' => $user, 'password' => '**' . $password, 'fullname' => $user, 'displayname' => $user, 'email' => "$user@example.com", 'type_id' => 1]);
if (!CreateHomeCollections($user) || !CreateDefaultRelationships($user)) {
  fwrite(STDERR, "could not make the home collections of $user\n");
  exit(1);
}
if (!(new Principal('username', $user))->Exists()) {
  fwrite(STDERR, "user $user was not created\n");
  exit(1);
}
echo "created $user\n";
