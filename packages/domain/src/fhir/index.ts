/**
 * FHIR R4 interop: Bundle/resource → inbound model (mapBundle), light validation, and CareBridge → FHIR for
 * the read API. Pure functions; the server does the I/O.
 */
export {
  mapBundle,
  type BundleKind,
  type EntryOutcome,
  type FhirMapResult,
  type FhirMapOptions,
} from './bundle';
export { validateResource } from './validate';
export { decimalToFen, isFhirDate, toInstant, type FenResult } from './primitives';
export { R4_RESOURCE_TYPES, MAPPED_TYPES, type MappedType } from './resource-types';
export { CHARGE_CATEGORY_SYSTEM } from './map-claim';
export { CONSENT_PURPOSE_SYSTEM, CONTACT_CHANNEL_SYSTEM } from './map-consent';
export { FHIR_MESSAGES, fhirMessage, fhirIssueCode, type Lang, type FhirIssueCode } from './messages';
export {
  CN_ID_CARD_SYSTEM,
  patientToFhir,
  encounterToFhir,
  observationToFhir,
  conditionToFhir,
  medicationRequestToFhir,
  allergyToFhir,
  procedureToFhir,
  searchsetBundle,
  operationOutcome,
  capabilityStatement,
  type RefView,
  type PatientView,
  type EncounterView,
  type ResultView,
  type DiagnosisView,
  type MedicationView,
  type AllergyView,
  type ProcedureView,
} from './to-fhir';
