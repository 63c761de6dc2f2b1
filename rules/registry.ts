// Every rule, listed explicitly and kept sorted by id; the catalogue test checks nothing is missing.
import type { AnyRule } from './engine/define-rule.ts';
import caldavCalendarQueryDepthZero from './caldav/calendar-query-depth-zero.ts';
import caldavFreeBusyQueryTarget from './caldav/free-busy-query-target.ts';
import caldavGetWithoutEtag from './caldav/get-without-etag.ts';
import caldavMkcalendarCompNotInComponentSet from './caldav/mkcalendar-comp-not-in-component-set.ts';
import caldavMkcalendarWrongNamespace from './caldav/mkcalendar-wrong-namespace.ts';
import caldavMultigetWithDepth from './caldav/multiget-with-depth.ts';
import caldavObjectPutToCollectionUrl from './caldav/object-put-to-collection-url.ts';
import caldavPutCreateWithoutIfNoneMatch from './caldav/put-create-without-if-none-match.ts';
import caldavPutNotTextCalendar from './caldav/put-not-text-calendar.ts';
import caldavPutResponseWithoutEtag from './caldav/put-response-without-etag.ts';
import caldavScheduleTagMissing from './caldav/schedule-tag-missing.ts';
import caldavSchedulingUpdateUsesIfMatch from './caldav/scheduling-update-uses-if-match.ts';
import caldavUidConflictOnCreate from './caldav/uid-conflict-on-create.ts';
import caldavUpdateSentAsCreate from './caldav/update-sent-as-create.ts';
import caldavWeakEtagOnCalendarObject from './caldav/weak-etag-on-calendar-object.ts';
import httpEtagSyntaxInvalid from './http/etag-syntax-invalid.ts';
import httpIfMatchWeakEtag from './http/if-match-weak-etag.ts';
import httpIfNoneMatchStarQuoted from './http/if-none-match-star-quoted.ts';
import httpPathDoubleSlashOrDotSegment from './http/path-double-slash-or-dot-segment.ts';
import httpPreconditionFailed from './http/precondition-failed.ts';
import httpRedirectMethodChanged from './http/redirect-method-changed.ts';
import httpRetryAfter412WithoutRefresh from './http/retry-after-412-without-refresh.ts';
import httpUpdateWithoutPrecondition from './http/update-without-precondition.ts';
import icalCharsetOrBom from './ical/charset-or-bom.ts';
import icalLineFormat from './ical/line-format.ts';
import icalMalformedBody from './ical/malformed-body.ts';
import icalMethodPresent from './ical/method-present.ts';
import icalMixedComponentTypes from './ical/mixed-component-types.ts';
import icalOrganizerMismatchAcrossComponents from './ical/organizer-mismatch-across-components.ts';
import icalRecurrenceSetConsistency from './ical/recurrence-set-consistency.ts';
import icalRequiredProperties from './ical/required-properties.ts';
import icalStartEndConsistency from './ical/start-end-consistency.ts';
import icalStructure from './ical/structure.ts';
import icalTzidWithoutVtimezone from './ical/tzid-without-vtimezone.ts';
import icalUidMissingOrMultiple from './ical/uid-missing-or-multiple.ts';
import icalVersionProdid from './ical/version-prodid.ts';
import webdavCollectionUrlMissingTrailingSlash from './webdav/collection-url-missing-trailing-slash.ts';
import webdavDepthValueInvalid from './webdav/depth-value-invalid.ts';
import webdavExtendedMkcolResourcetype from './webdav/extended-mkcol-resourcetype.ts';
import webdavMultistatusFailure from './webdav/multistatus-failure.ts';
import webdavMultistatusHrefInconsistent from './webdav/multistatus-href-inconsistent.ts';
import webdavPreconditionError from './webdav/precondition-error.ts';
import webdavPropfindDepthInfinity from './webdav/propfind-depth-infinity.ts';
import webdavPropfindWithoutDepth from './webdav/propfind-without-depth.ts';
import webdavSyncCollectionDepthNotZero from './webdav/sync-collection-depth-not-zero.ts';
import xmlBodyContentType from './xml/body-content-type.ts';
import xmlCharsetMismatch from './xml/charset-mismatch.ts';
import xmlDoctypeOrEntity from './xml/doctype-or-entity.ts';
import xmlMalformedBody from './xml/malformed-body.ts';
import xmlNamespaceWrong from './xml/namespace-wrong.ts';

export const allRules: readonly AnyRule[] = [
  caldavCalendarQueryDepthZero,
  caldavFreeBusyQueryTarget,
  caldavGetWithoutEtag,
  caldavMkcalendarCompNotInComponentSet,
  caldavMkcalendarWrongNamespace,
  caldavMultigetWithDepth,
  caldavObjectPutToCollectionUrl,
  caldavPutCreateWithoutIfNoneMatch,
  caldavPutNotTextCalendar,
  caldavPutResponseWithoutEtag,
  caldavScheduleTagMissing,
  caldavSchedulingUpdateUsesIfMatch,
  caldavUidConflictOnCreate,
  caldavUpdateSentAsCreate,
  caldavWeakEtagOnCalendarObject,
  httpEtagSyntaxInvalid,
  httpIfMatchWeakEtag,
  httpIfNoneMatchStarQuoted,
  httpPathDoubleSlashOrDotSegment,
  httpPreconditionFailed,
  httpRedirectMethodChanged,
  httpRetryAfter412WithoutRefresh,
  httpUpdateWithoutPrecondition,
  icalCharsetOrBom,
  icalLineFormat,
  icalMalformedBody,
  icalMethodPresent,
  icalMixedComponentTypes,
  icalOrganizerMismatchAcrossComponents,
  icalRecurrenceSetConsistency,
  icalRequiredProperties,
  icalStartEndConsistency,
  icalStructure,
  icalTzidWithoutVtimezone,
  icalUidMissingOrMultiple,
  icalVersionProdid,
  webdavCollectionUrlMissingTrailingSlash,
  webdavDepthValueInvalid,
  webdavExtendedMkcolResourcetype,
  webdavMultistatusFailure,
  webdavMultistatusHrefInconsistent,
  webdavPreconditionError,
  webdavPropfindDepthInfinity,
  webdavPropfindWithoutDepth,
  webdavSyncCollectionDepthNotZero,
  xmlBodyContentType,
  xmlCharsetMismatch,
  xmlDoctypeOrEntity,
  xmlMalformedBody,
  xmlNamespaceWrong,
];
