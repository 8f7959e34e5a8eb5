import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Divider, Drawer, Flex, Form } from 'antd';
import {
  createPatientRequest,
  updatePatientRequest,
  type CreatePatientRequest,
  type Patient,
  type UpdatePatientRequest,
} from '@carebridge/contracts';
import { ApiError } from '../../api/client';
import { createPatient, updatePatient } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { BasicSection } from './form-section-basic';
import { ContactSection } from './form-section-contact';
import { ContactsSection } from './form-section-contacts';
import { IdentifiersSection } from './form-section-identifiers';
import { AddressSection, PreferencesSection, SocialSection } from './form-section-profile';
import { SpecialDaysSection } from './form-section-special-days';
import { clearIssuesOnEdit, placeIssues, serverIssues } from './form-issues';
import {
  changedFields,
  EMPTY_FORM,
  toFormPath,
  toFormValues,
  toRequestInput,
  type PatientFormValues,
} from './patient-form-model';
import { PATIENT_SEARCH_KEY, patientKey } from './patient-queries';
import { validateWith, type PathIssue } from './zod-issues';
import './patients.css';

/**
 * Create a patient (editing === null) or edit one. The form is checked with the same zod schema the server
 * applies, so the same localised messages land on the same fields; the server's own field errors (a taken
 * ID-card number, a stale version) are placed the same way.
 */
export function PatientFormDrawer({
  open,
  editing: current,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: Patient | null;
  onClose: () => void;
  onSaved?: (patient: Patient) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PatientFormValues>();
  const [formError, setFormError] = useState<{ text: string; conflict: boolean } | null>(null);
  // The record as it was when the drawer opened: a refetch meanwhile must neither reset the user's edits
  // nor move the version the save is checked against (that is what the 409 is for).
  const [session, setSession] = useState<{ open: boolean; editing: Patient | null }>({
    open,
    editing: current,
  });
  if (session.open !== open) setSession({ open, editing: current });
  const editing = open ? session.editing : current;
  const initial = useMemo(() => (editing ? toFormValues(editing) : EMPTY_FORM), [editing]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initial);
  }, [open, initial, form]);

  const close = () => {
    setFormError(null);
    onClose();
  };

  /** The request body for the values, checked with the contract's schema (create) or the patch (edit). */
  const check = (values: PatientFormValues) => {
    const body = toRequestInput(values, editing !== null);
    if (!editing) return { ...validateWith(createPatientRequest, body, t, lang), changed: true };
    const patch = changedFields(toRequestInput(initial, true), body);
    return {
      ...validateWith(updatePatientRequest, { ...patch, version: editing.version }, t, lang),
      changed: Object.keys(patch).length > 0,
    };
  };

  const mutation = useMutation({
    mutationFn: (request: CreatePatientRequest | UpdatePatientRequest): Promise<Patient> =>
      editing ? updatePatient(editing.id, request) : createPatient(request as CreatePatientRequest),
    onSuccess: async (patient) => {
      void message.success(editing ? t('common.saved') : t('patients.created'));
      queryClient.setQueryData(patientKey(patient.id), patient);
      await queryClient.invalidateQueries({ queryKey: PATIENT_SEARCH_KEY });
      onSaved?.(patient);
      close();
    },
    onError: (error) => {
      const version =
        error instanceof ApiError && error.status === 409
          ? error.fields.find((f) => /(^|\.)version$/.test(f.path))
          : undefined;
      if (version) {
        setFormError({ text: version.message || errorMessage(error, t), conflict: true });
        return;
      }
      const issues = onForm(serverIssues(error));
      const unplaced = placeIssues(form, issues);
      if (issues.length === 0 || unplaced.length > 0)
        setFormError({ text: [errorMessage(error, t), ...unplaced].join(' '), conflict: false });
      scrollToFirstError();
    },
  });

  /** The request's paths as the form's (a blank new phone row is not sent, so the indices can differ). */
  function onForm(issues: PathIssue[]): PathIssue[] {
    const values = form.getFieldsValue(true) as PatientFormValues;
    return issues.map((i) => ({ ...i, path: toFormPath(values, i.path) }));
  }

  function scrollToFirstError() {
    const first = form.getFieldsError().find((f) => f.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center' });
  }

  /**
   * After antd's own rules (required marks): the same zod schema as the server, so the same localised
   * messages land on the same fields before anything is sent.
   */
  function submit(rulesPassed: boolean) {
    setFormError(null);
    const checked = check(form.getFieldsValue(true) as PatientFormValues);
    const unplaced = checked.ok ? [] : placeIssues(form, onForm(checked.issues));
    if (!rulesPassed || !checked.ok) {
      setFormError({ text: [t('patients.form.fixFields'), ...unplaced].join(' '), conflict: false });
      scrollToFirstError();
      return;
    }
    if (!checked.changed) {
      void message.info(t('patients.form.noChanges'));
      close();
      return;
    }
    mutation.mutate(checked.data);
  }

  const reload = async () => {
    if (!editing) return;
    await queryClient.invalidateQueries({ queryKey: patientKey(editing.id) });
    close();
  };

  const sections: { key: string; title: string; body: React.ReactNode }[] = [
    { key: 'basic', title: t('patients.form.basic'), body: <BasicSection editing={editing} /> },
    { key: 'contact', title: t('patients.form.contact'), body: <ContactSection /> },
    { key: 'address', title: t('patients.form.address'), body: <AddressSection /> },
    { key: 'social', title: t('patients.form.social'), body: <SocialSection /> },
    { key: 'preferences', title: t('patients.form.preferences'), body: <PreferencesSection /> },
    { key: 'specialDays', title: t('patients.form.specialDays'), body: <SpecialDaysSection /> },
    { key: 'contacts', title: t('patients.form.contacts'), body: <ContactsSection /> },
    { key: 'identifiers', title: t('patients.form.identifiers'), body: <IdentifiersSection /> },
  ];

  return (
    <Drawer
      title={editing ? t('patients.editTitle', { name: editing.name }) : t('patients.create')}
      open={open}
      onClose={close}
      size={880}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid="patient-form-submit"
          >
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      {formError && (
        <Alert
          type={formError.conflict ? 'warning' : 'error'}
          showIcon
          title={formError.text}
          style={{ marginBottom: 16 }}
          data-testid="patient-form-error"
          action={
            formError.conflict ? (
              <Button size="small" onClick={() => void reload()}>
                {t('patients.form.reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Form<PatientFormValues>
        form={form}
        layout="vertical"
        name="patient"
        data-testid="patient-form"
        className="cb-patient-form"
        onValuesChange={(changed) => clearIssuesOnEdit(form, changed)}
        onFinish={() => submit(true)}
        onFinishFailed={() => submit(false)}
      >
        {sections.map((s) => (
          <section key={s.key} data-testid={`patient-form-section-${s.key}`}>
            <Divider titlePlacement="start" className="cb-form-divider">
              {s.title}
            </Divider>
            {s.body}
          </section>
        ))}
      </Form>
    </Drawer>
  );
}
