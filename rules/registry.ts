// Every rule, listed explicitly and kept sorted by id; the catalogue test checks nothing is missing.
import type { AnyRule } from './engine/define-rule.ts';
import caldavAttendeeDeleteSendsDecline from './caldav/attendee-delete-sends-decline.ts';
import caldavCalendarDataInPropfind from './caldav/calendar-data-in-propfind.ts';
import caldavCalendarQueryDepthZero from './caldav/calendar-query-depth-zero.ts';
import caldavCalendarQueryFilterShape from './caldav/calendar-query-filter-shape.ts';
import caldavCalendarQueryUnbounded from './caldav/calendar-query-unbounded.ts';
import caldavClientEditsScheduleParams from './caldav/client-edits-schedule-params.ts';
import caldavCopyMoveIntoCalendar from './caldav/copy-move-into-calendar.ts';
import caldavDiscoveryLandsOnNonDav from './caldav/discovery-lands-on-non-dav.ts';
import caldavFreeBusyQueryDepthZero from './caldav/free-busy-query-depth-zero.ts';
import caldavFreeBusyQueryTarget from './caldav/free-busy-query-target.ts';
import caldavFreeBusyShape from './caldav/free-busy-shape.ts';
import caldavGetWithoutEtag from './caldav/get-without-etag.ts';
import caldavMkcalendarCompNotInComponentSet from './caldav/mkcalendar-comp-not-in-component-set.ts';
import caldavMkcalendarRedirectFollowedAsCreated from './caldav/mkcalendar-redirect-followed-as-created.ts';
import caldavMkcalendarWrongNamespace from './caldav/mkcalendar-wrong-namespace.ts';
import caldavMultigetAnswered404Whole from './caldav/multiget-answered-404-whole.ts';
import caldavMultigetBodyShape from './caldav/multiget-body-shape.ts';
import caldavMultigetMissingResponses from './caldav/multiget-missing-responses.ts';
import caldavMultigetWithDepth from './caldav/multiget-with-depth.ts';
import caldavObjectPutToCollectionUrl from './caldav/object-put-to-collection-url.ts';
import caldavOutboxPostShape from './caldav/outbox-post-shape.ts';
import caldavPutCreateWithoutIfNoneMatch from './caldav/put-create-without-if-none-match.ts';
import caldavPutNotTextCalendar from './caldav/put-not-text-calendar.ts';
import caldavPutResponseWithoutEtag from './caldav/put-response-without-etag.ts';
import caldavScheduleAgentInconsistent from './caldav/schedule-agent-inconsistent.ts';
import caldavScheduleReplyHeaderInvalid from './caldav/schedule-reply-header-invalid.ts';
import caldavScheduleResponseDecode from './caldav/schedule-response-decode.ts';
import caldavScheduleTagMissing from './caldav/schedule-tag-missing.ts';
import caldavSchedulingUpdateUsesIfMatch from './caldav/scheduling-update-uses-if-match.ts';
import caldavTimeRangeBounds from './caldav/time-range-bounds.ts';
import caldavTimeRangeNotUtc from './caldav/time-range-not-utc.ts';
import caldavUidConflictAccepted from './caldav/uid-conflict-accepted.ts';
import caldavUidConflictOnCreate from './caldav/uid-conflict-on-create.ts';
import caldavUpdateSentAsCreate from './caldav/update-sent-as-create.ts';
import caldavWeakEtagOnCalendarObject from './caldav/weak-etag-on-calendar-object.ts';
import caldavWellKnownNotRedirecting from './caldav/well-known-not-redirecting.ts';
import httpAuth401Loop from './http/auth-401-loop.ts';
import httpAuthErrorPrecedence from './http/auth-error-precedence.ts';
import httpAuthRetrySameCredentials from './http/auth-retry-same-credentials.ts';
import httpBasicAuthOverCleartext from './http/basic-auth-over-cleartext.ts';
import httpDigestRealmMismatch from './http/digest-realm-mismatch.ts';
import httpDigestStaleNonceReused from './http/digest-stale-nonce-reused.ts';
import httpEtagSyntaxInvalid from './http/etag-syntax-invalid.ts';
import httpIfMatchWeakEtag from './http/if-match-weak-etag.ts';
import httpIfNoneMatchStarQuoted from './http/if-none-match-star-quoted.ts';
import httpPathDoubleSlashOrDotSegment from './http/path-double-slash-or-dot-segment.ts';
import httpPreconditionFailed from './http/precondition-failed.ts';
import httpPreferHeaderMalformed from './http/prefer-header-malformed.ts';
import httpPutReplaceAnsweredCreated from './http/put-replace-answered-created.ts';
import httpRedirectMethodChanged from './http/redirect-method-changed.ts';
import httpRedirectPortChanged from './http/redirect-port-changed.ts';
import httpRedirectToInternalOrInsecure from './http/redirect-to-internal-or-insecure.ts';
import httpRetryAfter412WithoutRefresh from './http/retry-after-412-without-refresh.ts';
import httpRetryBeforeRetryAfter from './http/retry-before-retry-after.ts';
import httpUnauthorizedWithoutChallenge from './http/unauthorized-without-challenge.ts';
import httpUpdateWithoutPrecondition from './http/update-without-precondition.ts';
import icalCharsetOrBom from './ical/charset-or-bom.ts';
import icalLineFormat from './ical/line-format.ts';
import icalMalformedBody from './ical/malformed-body.ts';
import icalMethodPresent from './ical/method-present.ts';
import icalMixedComponentTypes from './ical/mixed-component-types.ts';
import icalOrganizerMismatchAcrossComponents from './ical/organizer-mismatch-across-components.ts';
import icalRecurrenceSetConsistency from './ical/recurrence-set-consistency.ts';
import icalRequiredProperties from './ical/required-properties.ts';
import icalServedCalendarInvalid from './ical/served-calendar-invalid.ts';
import icalStartEndConsistency from './ical/start-end-consistency.ts';
import icalStructure from './ical/structure.ts';
import icalTzidWithoutVtimezone from './ical/tzid-without-vtimezone.ts';
import icalUidMissingOrMultiple from './ical/uid-missing-or-multiple.ts';
import icalVersionProdid from './ical/version-prodid.ts';
import webdavCollectionUrlMissingTrailingSlash from './webdav/collection-url-missing-trailing-slash.ts';
import webdavCopyMoveDepth from './webdav/copy-move-depth.ts';
import webdavCopyMoveOverwroteDestination from './webdav/copy-move-overwrote-destination.ts';
import webdavCurrentUserPrincipalUnauthenticated from './webdav/current-user-principal-unauthenticated.ts';
import webdavDepthValueInvalid from './webdav/depth-value-invalid.ts';
import webdavDestinationHeaderInvalid from './webdav/destination-header-invalid.ts';
import webdavDestinationSchemeMismatch from './webdav/destination-scheme-mismatch.ts';
import webdavExtendedMkcolResourcetype from './webdav/extended-mkcol-resourcetype.ts';
import webdavLargeResponse from './webdav/large-response.ts';
import webdavMultistatusExpected from './webdav/multistatus-expected.ts';
import webdavMultistatusFailure from './webdav/multistatus-failure.ts';
import webdavMultistatusForSingleResource from './webdav/multistatus-for-single-resource.ts';
import webdavMultistatusHrefInconsistent from './webdav/multistatus-href-inconsistent.ts';
import webdavOptionsCapabilities from './webdav/options-capabilities.ts';
import webdavOverwriteHeaderInvalid from './webdav/overwrite-header-invalid.ts';
import webdavPreconditionError from './webdav/precondition-error.ts';
import webdavPreferMinimalSemantics from './webdav/prefer-minimal-semantics.ts';
import webdavPropfindDepthInfinity from './webdav/propfind-depth-infinity.ts';
import webdavPropfindWithoutDepth from './webdav/propfind-without-depth.ts';
import webdavProppatchProtectedDecode from './webdav/proppatch-protected-decode.ts';
import webdavServerErrorForPrecondition from './webdav/server-error-for-precondition.ts';
import webdavServerException from './webdav/server-exception.ts';
import webdavSyncCollectionBodyShape from './webdav/sync-collection-body-shape.ts';
import webdavSyncCollectionDepthNotZero from './webdav/sync-collection-depth-not-zero.ts';
import webdavSyncResponseMissingToken from './webdav/sync-response-missing-token.ts';
import webdavSyncTokenIssuedNotUri from './webdav/sync-token-issued-not-uri.ts';
import webdavSyncTokenNotIssued from './webdav/sync-token-not-issued.ts';
import webdavSyncTokenReusedAfterInvalid from './webdav/sync-token-reused-after-invalid.ts';
import webdavSyncTruncated from './webdav/sync-truncated.ts';
import webdavSyncTruncatedNotContinued from './webdav/sync-truncated-not-continued.ts';
import webdavXmlRequestWithoutAccept from './webdav/xml-request-without-accept.ts';
import xmlBodyContentType from './xml/body-content-type.ts';
import xmlCharsetMismatch from './xml/charset-mismatch.ts';
import xmlDoctypeOrEntity from './xml/doctype-or-entity.ts';
import xmlMalformedBody from './xml/malformed-body.ts';
import xmlNamespaceWrong from './xml/namespace-wrong.ts';

export const allRules: readonly AnyRule[] = [
  caldavAttendeeDeleteSendsDecline,
  caldavCalendarDataInPropfind,
  caldavCalendarQueryDepthZero,
  caldavCalendarQueryFilterShape,
  caldavCalendarQueryUnbounded,
  caldavClientEditsScheduleParams,
  caldavCopyMoveIntoCalendar,
  caldavDiscoveryLandsOnNonDav,
  caldavFreeBusyQueryDepthZero,
  caldavFreeBusyQueryTarget,
  caldavFreeBusyShape,
  caldavGetWithoutEtag,
  caldavMkcalendarCompNotInComponentSet,
  caldavMkcalendarRedirectFollowedAsCreated,
  caldavMkcalendarWrongNamespace,
  caldavMultigetAnswered404Whole,
  caldavMultigetBodyShape,
  caldavMultigetMissingResponses,
  caldavMultigetWithDepth,
  caldavObjectPutToCollectionUrl,
  caldavOutboxPostShape,
  caldavPutCreateWithoutIfNoneMatch,
  caldavPutNotTextCalendar,
  caldavPutResponseWithoutEtag,
  caldavScheduleAgentInconsistent,
  caldavScheduleReplyHeaderInvalid,
  caldavScheduleResponseDecode,
  caldavScheduleTagMissing,
  caldavSchedulingUpdateUsesIfMatch,
  caldavTimeRangeBounds,
  caldavTimeRangeNotUtc,
  caldavUidConflictAccepted,
  caldavUidConflictOnCreate,
  caldavUpdateSentAsCreate,
  caldavWeakEtagOnCalendarObject,
  caldavWellKnownNotRedirecting,
  httpAuth401Loop,
  httpAuthErrorPrecedence,
  httpAuthRetrySameCredentials,
  httpBasicAuthOverCleartext,
  httpDigestRealmMismatch,
  httpDigestStaleNonceReused,
  httpEtagSyntaxInvalid,
  httpIfMatchWeakEtag,
  httpIfNoneMatchStarQuoted,
  httpPathDoubleSlashOrDotSegment,
  httpPreconditionFailed,
  httpPreferHeaderMalformed,
  httpPutReplaceAnsweredCreated,
  httpRedirectMethodChanged,
  httpRedirectPortChanged,
  httpRedirectToInternalOrInsecure,
  httpRetryAfter412WithoutRefresh,
  httpRetryBeforeRetryAfter,
  httpUnauthorizedWithoutChallenge,
  httpUpdateWithoutPrecondition,
  icalCharsetOrBom,
  icalLineFormat,
  icalMalformedBody,
  icalMethodPresent,
  icalMixedComponentTypes,
  icalOrganizerMismatchAcrossComponents,
  icalRecurrenceSetConsistency,
  icalRequiredProperties,
  icalServedCalendarInvalid,
  icalStartEndConsistency,
  icalStructure,
  icalTzidWithoutVtimezone,
  icalUidMissingOrMultiple,
  icalVersionProdid,
  webdavCollectionUrlMissingTrailingSlash,
  webdavCopyMoveDepth,
  webdavCopyMoveOverwroteDestination,
  webdavCurrentUserPrincipalUnauthenticated,
  webdavDepthValueInvalid,
  webdavDestinationHeaderInvalid,
  webdavDestinationSchemeMismatch,
  webdavExtendedMkcolResourcetype,
  webdavLargeResponse,
  webdavMultistatusExpected,
  webdavMultistatusFailure,
  webdavMultistatusForSingleResource,
  webdavMultistatusHrefInconsistent,
  webdavOptionsCapabilities,
  webdavOverwriteHeaderInvalid,
  webdavPreconditionError,
  webdavPreferMinimalSemantics,
  webdavPropfindDepthInfinity,
  webdavPropfindWithoutDepth,
  webdavProppatchProtectedDecode,
  webdavServerErrorForPrecondition,
  webdavServerException,
  webdavSyncCollectionBodyShape,
  webdavSyncCollectionDepthNotZero,
  webdavSyncResponseMissingToken,
  webdavSyncTokenIssuedNotUri,
  webdavSyncTokenNotIssued,
  webdavSyncTokenReusedAfterInvalid,
  webdavSyncTruncated,
  webdavSyncTruncatedNotContinued,
  webdavXmlRequestWithoutAccept,
  xmlBodyContentType,
  xmlCharsetMismatch,
  xmlDoctypeOrEntity,
  xmlMalformedBody,
  xmlNamespaceWrong,
];
