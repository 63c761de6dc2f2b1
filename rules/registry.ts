// Every rule, listed explicitly and kept sorted by id; the catalogue test checks nothing is missing.
import type { AnyRule } from './engine/define-rule.ts';
import caldavMkcalendarWrongNamespace from './caldav/mkcalendar-wrong-namespace.ts';
import caldavPutCreateWithoutIfNoneMatch from './caldav/put-create-without-if-none-match.ts';
import webdavCollectionUrlMissingTrailingSlash from './webdav/collection-url-missing-trailing-slash.ts';
import webdavMultistatusFailure from './webdav/multistatus-failure.ts';
import webdavPreconditionError from './webdav/precondition-error.ts';
import xmlMalformedBody from './xml/malformed-body.ts';

export const allRules: readonly AnyRule[] = [
  caldavMkcalendarWrongNamespace,
  caldavPutCreateWithoutIfNoneMatch,
  webdavCollectionUrlMissingTrailingSlash,
  webdavMultistatusFailure,
  webdavPreconditionError,
  xmlMalformedBody,
];
