import { useState } from 'react';
import { Steps } from 'antd';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { ChooseFileStep } from './choose-file-step';
import { ImportHistory } from './import-history';
import { ImportJobCard } from './import-job-card';
import type { ImportDraft, ImportPreview } from './imports-api';
import { MappingStep } from './mapping-step';
import './imports.css';

type Stage = { step: 0 } | { step: 1; suggestion: ImportPreview } | { step: 2; jobId: string };

/** 数据导入: a CSV or Excel export from another system, checked column by column before it is written. */
export function ImportsPage() {
  const { t } = useI18n();
  const [stage, setStage] = useState<Stage>({ step: 0 });
  // The id tells one chosen file from the next, so cached previews never mix two files.
  const [draft, setDraft] = useState<(ImportDraft & { id: number }) | null>(null);

  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Steps
        current={stage.step}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('imports.step.file') },
          { title: t('imports.step.mapping') },
          { title: t('imports.step.import') },
        ]}
      />
      <div style={{ marginBottom: 24 }}>
        {stage.step === 0 && (
          <ChooseFileStep
            initial={draft}
            onPreviewed={(next, suggestion) => {
              setDraft({ ...next, id: Date.now() });
              setStage({ step: 1, suggestion });
            }}
          />
        )}
        {stage.step === 1 && draft && (
          <MappingStep
            key={draft.id}
            draft={draft}
            suggestion={stage.suggestion}
            onBack={() => setStage({ step: 0 })}
            onStarted={(job) => setStage({ step: 2, jobId: job.id })}
          />
        )}
        {stage.step === 2 && (
          <ImportJobCard
            jobId={stage.jobId}
            onAnother={() => {
              setDraft(null);
              setStage({ step: 0 });
            }}
          />
        )}
      </div>
      <ImportHistory onOpen={(job) => setStage({ step: 2, jobId: job.id })} />
    </>
  );
}
