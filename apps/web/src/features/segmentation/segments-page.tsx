import { useMemo, useState } from 'react';
import { Button, Col, Flex, Row } from 'antd';
import { ClearOutlined, SaveOutlined } from '@ant-design/icons';
import { SEGMENT_FILTER_LIMITS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { compileFilter, countConditions, emptyGroup, treeFromFilter, type GroupNode } from './filter-tree';
import { GroupEditor } from './group-editor';
import { LiveCountCard } from './live-count-card';
import { SaveSegmentModal } from './save-segment-modal';
import { SegmentList } from './segment-list';
import { SegmentMembersDrawer } from './segment-members-drawer';
import type { Segment } from './segments-api';
import { useLiveCount } from './use-live-count';
import './segmentation.css';

/** 分群: conditions in AND / OR groups, a live count as they change, then a saved segment to work from. */
export function SegmentsPage() {
  const { t } = useI18n();
  const [tree, setTree] = useState<GroupNode>(() => emptyGroup());
  const [saving, setSaving] = useState(false);
  const [members, setMembers] = useState<Segment | null>(null);
  const compiled = useMemo(() => compileFilter(tree), [tree]);
  const live = useLiveCount(compiled, tree.id);
  const full = countConditions(tree) >= SEGMENT_FILTER_LIMITS.conditions;

  return (
    <>
      <PageHeader title={t('segments.title')} subtitle={t('segments.subtitle')} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={17}>
          <GroupEditor node={tree} depth={0} problems={live.problems} full={full} onChange={setTree} />
        </Col>
        <Col xs={24} xl={7}>
          <div className="cb-live-count-sticky">
            <LiveCountCard live={live}>
              <Flex gap={8} wrap style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  disabled={live.state !== 'ready'}
                  onClick={() => setSaving(true)}
                  data-testid="segment-save"
                >
                  {t('segments.save')}
                </Button>
                <Button
                  icon={<ClearOutlined />}
                  onClick={() => setTree(emptyGroup())}
                  disabled={tree.children.length === 0}
                >
                  {t('segments.clear')}
                </Button>
              </Flex>
            </LiveCountCard>
          </div>
        </Col>
      </Row>
      <SegmentList onMembers={setMembers} onLoad={(segment) => setTree(treeFromFilter(segment.filter))} />
      <SaveSegmentModal
        filter={compiled.filter}
        open={saving}
        onClose={() => setSaving(false)}
        onSaved={() => setSaving(false)}
      />
      <SegmentMembersDrawer segment={members} onClose={() => setMembers(null)} />
    </>
  );
}
