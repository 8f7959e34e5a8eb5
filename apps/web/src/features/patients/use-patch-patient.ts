import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { Patient, UpdatePatientRequest } from '@carebridge/contracts';
import { ApiError } from '../../api/client';
import { updatePatient } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { PATIENT_SEARCH_KEY, patientKey } from './patient-queries';

/**
 * A small in-place change of the record (tags, one consent) with the version the user saw. A conflict
 * (409) reloads the record so the next attempt starts from what is stored.
 */
export function usePatchPatient(patient: Patient) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Omit<UpdatePatientRequest, 'version'>) =>
      updatePatient(patient.id, { ...patch, version: patient.version }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(patientKey(patient.id), updated);
      void message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: PATIENT_SEARCH_KEY });
    },
    onError: async (error) => {
      const detail = error instanceof ApiError ? error.fields[0]?.message : undefined;
      void message.error(detail ?? errorMessage(error, t));
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: patientKey(patient.id), exact: true });
    },
  });
}
