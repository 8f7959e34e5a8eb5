/**
 * The resource types of FHIR R4 (4.0.1). A resourceType outside this list is a problem
 * ('fhir_resource_type_unknown'); one inside it that CareBridge does not map is only counted as unsupported.
 * (Not taken from @medplum/fhirtypes at run time: its union is types only and adds Medplum's own types.)
 */
export const R4_RESOURCE_TYPES: ReadonlySet<string> = new Set(
  (
    'Account ActivityDefinition AdverseEvent AllergyIntolerance Appointment AppointmentResponse AuditEvent Basic ' +
    'Binary BiologicallyDerivedProduct BodyStructure Bundle CapabilityStatement CarePlan CareTeam CatalogEntry ' +
    'ChargeItem ChargeItemDefinition Claim ClaimResponse ClinicalImpression CodeSystem Communication ' +
    'CommunicationRequest CompartmentDefinition Composition ConceptMap Condition Consent Contract Coverage ' +
    'CoverageEligibilityRequest CoverageEligibilityResponse DetectedIssue Device DeviceDefinition DeviceMetric ' +
    'DeviceRequest DeviceUseStatement DiagnosticReport DocumentManifest DocumentReference EffectEvidenceSynthesis ' +
    'Encounter Endpoint EnrollmentRequest EnrollmentResponse EpisodeOfCare EventDefinition Evidence ' +
    'EvidenceVariable ExampleScenario ExplanationOfBenefit FamilyMemberHistory Flag Goal GraphDefinition Group ' +
    'GuidanceResponse HealthcareService ImagingStudy Immunization ImmunizationEvaluation ' +
    'ImmunizationRecommendation ImplementationGuide InsurancePlan Invoice Library Linkage List Location Measure ' +
    'MeasureReport Media Medication MedicationAdministration MedicationDispense MedicationKnowledge ' +
    'MedicationRequest MedicationStatement MedicinalProduct MedicinalProductAuthorization ' +
    'MedicinalProductContraindication MedicinalProductIndication MedicinalProductIngredient ' +
    'MedicinalProductInteraction MedicinalProductManufactured MedicinalProductPackaged ' +
    'MedicinalProductPharmaceutical MedicinalProductUndesirableEffect MessageDefinition MessageHeader ' +
    'MolecularSequence NamingSystem NutritionOrder Observation ObservationDefinition OperationDefinition ' +
    'OperationOutcome Organization OrganizationAffiliation Parameters Patient PaymentNotice ' +
    'PaymentReconciliation Person PlanDefinition Practitioner PractitionerRole Procedure Provenance ' +
    'Questionnaire QuestionnaireResponse RelatedPerson RequestGroup ResearchDefinition ResearchElementDefinition ' +
    'ResearchStudy ResearchSubject RiskAssessment RiskEvidenceSynthesis Schedule SearchParameter ServiceRequest ' +
    'Slot Specimen SpecimenDefinition StructureDefinition StructureMap Subscription Substance ' +
    'SubstanceNucleicAcid SubstancePolymer SubstanceProtein SubstanceReferenceInformation ' +
    'SubstanceSourceMaterial SubstanceSpecification SupplyDelivery SupplyRequest Task TerminologyCapabilities ' +
    'TestReport TestScript ValueSet VerificationResult VisionPrescription'
  ).split(' '),
);

/** The types that yield CareBridge records (Medication and Coverage are only read through references). */
export const MAPPED_TYPES = [
  'Patient',
  'Encounter',
  'Condition',
  'Observation',
  'DiagnosticReport',
  'MedicationRequest',
  'MedicationStatement',
  'AllergyIntolerance',
  'Procedure',
  'Claim',
  'ExplanationOfBenefit',
  'Organization',
  'Practitioner',
  'Appointment',
  'Consent',
] as const;

export type MappedType = (typeof MAPPED_TYPES)[number];

const MAPPED: ReadonlySet<string> = new Set(MAPPED_TYPES);

export function isMappedType(type: string): type is MappedType {
  return MAPPED.has(type);
}
