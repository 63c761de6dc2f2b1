// Every rule, listed explicitly and kept sorted by id; the catalogue test checks nothing is missing.
import type { AnyRule } from './engine/define-rule.ts';
import caldavGetWithoutEtag from './caldav/get-without-etag.ts';
import caldavMkcalendarWrongNamespace from './caldav/mkcalendar-wrong-namespace.ts';
import caldavPutCreateWithoutIfNoneMatch from './caldav/put-create-without-if-none-match.ts';
import caldavPutResponseWithoutEtag from './caldav/put-response-without-etag.ts';
import caldavScheduleTagMissing from './caldav/schedule-tag-missing.ts';
import caldavSchedulingUpdateUsesIfMatch from './caldav/scheduling-update-uses-if-match.ts';
import caldavUpdateSentAsCreate from './caldav/update-sent-as-create.ts';
import caldavWeakEtagOnCalendarObject from './caldav/weak-etag-on-calendar-object.ts';
import httpEtagSyntaxInvalid from './http/etag-syntax-invalid.ts';
import httpIfMatchWeakEtag from './http/if-match-weak-etag.ts';
import httpIfNoneMatchStarQuoted from './http/if-none-match-star-quoted.ts';
import httpPreconditionFailed from './http/precondition-failed.ts';
import httpRetryAfter412WithoutRefresh from './http/retry-after-412-without-refresh.ts';
import httpUpdateWithoutPrecondition from './http/update-without-precondition.ts';
import webdavCollectionUrlMissingTrailingSlash from './webdav/collection-url-missing-trailing-slash.ts';
import webdavMultistatusFailure from './webdav/multistatus-failure.ts';
import webdavPreconditionError from './webdav/precondition-error.ts';
import xmlMalformedBody from './xml/malformed-body.ts';

export const allRules: readonly AnyRule[] = [
  caldavGetWithoutEtag,
  caldavMkcalendarWrongNamespace,
  caldavPutCreateWithoutIfNoneMatch,
  caldavPutResponseWithoutEtag,
  caldavScheduleTagMissing,
  caldavSchedulingUpdateUsesIfMatch,
  caldavUpdateSentAsCreate,
  caldavWeakEtagOnCalendarObject,
  httpEtagSyntaxInvalid,
  httpIfMatchWeakEtag,
  httpIfNoneMatchStarQuoted,
  httpPreconditionFailed,
  httpRetryAfter412WithoutRefresh,
  httpUpdateWithoutPrecondition,
  webdavCollectionUrlMissingTrailingSlash,
  webdavMultistatusFailure,
  webdavPreconditionError,
  xmlMalformedBody,
];
