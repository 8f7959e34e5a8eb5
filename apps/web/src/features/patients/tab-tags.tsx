import { useState } from 'react';
import { Button, Flex, Select, Typography } from 'antd';
import type { Patient } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import { TagList } from './patient-tags';
import { usePatchPatient } from './use-patch-patient';

/** 标签: the labels staff use to find and group patients; editable with patients.write. */
export function TagsTab({ patient, editable }: { patient: Patient; editable: boolean }) {
  const { t } = useI18n();
  const [tags, setTags] = useState<string[]>(patient.tags);
  // A newer record (saved elsewhere, reloaded after a conflict) replaces what is being edited.
  const [seenVersion, setSeenVersion] = useState(patient.version);
  if (seenVersion !== patient.version) {
    setSeenVersion(patient.version);
    setTags(patient.tags);
  }
  const patch = usePatchPatient(patient);
  const changed = JSON.stringify(tags) !== JSON.stringify(patient.tags);

  if (!editable)
    return patient.tags.length ? (
      <TagList tags={patient.tags} max={30} />
    ) : (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    );
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Select
        mode="tags"
        value={tags}
        onChange={(v: string[]) => setTags(v.map((s) => s.trim()).filter(Boolean))}
        tokenSeparators={[',', '，', '、']}
        open={false}
        suffixIcon={null}
        maxCount={30}
        placeholder={t('tags.placeholder')}
        data-testid="tags-input"
      />
      <Typography.Text type="secondary">{t('tags.hint')}</Typography.Text>
      <Flex gap={8}>
        <Button
          type="primary"
          disabled={!changed}
          loading={patch.isPending}
          onClick={() => patch.mutate({ tags })}
          data-testid="tags-save"
        >
          {t('common.save')}
        </Button>
        <Button disabled={!changed} onClick={() => setTags(patient.tags)}>
          {t('common.reset')}
        </Button>
      </Flex>
    </Flex>
  );
}
