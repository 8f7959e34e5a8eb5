import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Result, Spin, Tabs } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, ExportOutlined } from '@ant-design/icons';
import type { UnmaskResponse } from '@carebridge/contracts';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { useCan } from '../../app/session';
import { PatientValueCard } from '../segmentation/patient-value-card';
import { EraseModal } from './erase-modal';
import { ExportModal } from './export-modal';
import { PatientFormDrawer } from './patient-form-drawer';
import { PatientHeaderCard } from './patient-header-card';
import { usePatient } from './patient-queries';
import { SummaryStrip } from './summary-strip';
import { AllergiesTab } from './tab-allergies';
import { ConsentsTab } from './tab-consents';
import { ContactsTab } from './tab-contacts';
import { EncountersTab } from './tab-encounters';
import { MedicationsTab } from './tab-medications';
import { ResultsTab } from './tab-results';
import { TagsTab } from './tab-tags';
import { TimelineTab } from './tab-timeline';
import { UnmaskModal } from './unmask-modal';
import './patients.css';

const TABS = [
  'timeline',
  'encounters',
  'results',
  'medications',
  'allergies',
  'consents',
  'contacts',
  'tags',
] as const;
type TabKey = (typeof TABS)[number];
type Dialog = 'edit' | 'unmask' | 'export' | 'erase' | null;

/** 患者 360: one patient's identity, warnings, history and preferences on one page. */
export function Patient360Page() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const patient = usePatient(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  // Revealed numbers live in this page only: leaving it (or "hide") forgets them.
  const [reveal, setReveal] = useState<{ id: string; numbers: UnmaskResponse } | null>(null);
  const revealed = reveal?.id === id ? reveal.numbers : null;
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'timeline';

  if (patient.isPending) return <Spin className="cb-page-spin" />;
  if (patient.isError) {
    const notFound = patient.error instanceof ApiError && patient.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('patients.notFound') : errorMessage(patient.error, t)}
        extra={<Button onClick={() => void navigate('/patients')}>{t('patients.backToList')}</Button>}
      />
    );
  }
  const p = patient.data;
  const open = !p.erasedAt;
  const writable = open && can('patients.write');
  const hasMasked = p.phones.length > 0 || p.idCardMasked !== null;

  const tabs = [
    { key: 'timeline', label: t('tabs.timeline'), children: <TimelineTab patientId={p.id} /> },
    { key: 'encounters', label: t('tabs.encounters'), children: <EncountersTab patientId={p.id} /> },
    { key: 'results', label: t('tabs.results'), children: <ResultsTab patientId={p.id} /> },
    { key: 'medications', label: t('tabs.medications'), children: <MedicationsTab patientId={p.id} /> },
    { key: 'allergies', label: t('tabs.allergies'), children: <AllergiesTab patientId={p.id} /> },
    { key: 'consents', label: t('tabs.consents'), children: <ConsentsTab patient={p} editable={writable} /> },
    { key: 'contacts', label: t('tabs.contacts'), children: <ContactsTab patient={p} /> },
    { key: 'tags', label: t('tabs.tags'), children: <TagsTab key={p.id} patient={p} editable={writable} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('patients.360title')}
        subtitle={t('patients.updatedAt', { at: formatDateTime(p.updatedAt) })}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
              {t('patients.back')}
            </Button>
            {writable && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setDialog('edit')}
                data-testid="patient-edit"
              >
                {t('common.edit')}
              </Button>
            )}
            {open && can('patients.export') && (
              <Button
                icon={<ExportOutlined />}
                onClick={() => setDialog('export')}
                data-testid="patient-export"
              >
                {t('export.action')}
              </Button>
            )}
            {open && can('patients.erase') && (
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={() => setDialog('erase')}
                data-testid="patient-erase"
              >
                {t('erase.action')}
              </Button>
            )}
          </>
        }
      />
      {p.erasedAt && (
        <Alert
          type="warning"
          showIcon
          title={t('patients.erasedNotice', { at: formatDateTime(p.erasedAt) })}
          style={{ marginBottom: 16 }}
        />
      )}
      <PatientHeaderCard
        patient={p}
        revealed={revealed}
        onReveal={open && hasMasked && can('patients.unmask') ? () => setDialog('unmask') : undefined}
        onHide={() => setReveal(null)}
      />
      <SummaryStrip patientId={p.id} />
      {!p.erasedAt && <PatientValueCard patientId={p.id} />}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={tabs}
          data-testid="patient-tabs"
        />
      </Card>
      {writable && <PatientFormDrawer open={dialog === 'edit'} editing={p} onClose={() => setDialog(null)} />}
      {can('patients.unmask') && (
        <UnmaskModal
          patient={p}
          open={dialog === 'unmask'}
          onClose={() => setDialog(null)}
          onUnmasked={(numbers) => setReveal({ id: p.id, numbers })}
        />
      )}
      {can('patients.export') && (
        <ExportModal patient={p} open={dialog === 'export'} onClose={() => setDialog(null)} />
      )}
      {can('patients.erase') && (
        <EraseModal patient={p} open={dialog === 'erase'} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
