import type { HTMLAttributes, ReactNode } from 'react';
import { Table, Tag, type TableProps } from 'antd';
import { formatDate, formatDateTime } from '../../app/format';
import { useI18n, type Translate } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import type { ReviewSide } from './mpi-api';
import './mpi.css';

interface Line {
  key: string;
  label: string;
  a: ReactNode;
  b: ReactNode;
  /** Both sides say something, and not the same thing: highlighted. */
  differ: boolean;
}

/** Text compared for a field; empty means the record does not say. */
type Reader = (side: ReviewSide, t: Translate) => string;

const genderLabel = (gender: string, t: Translate) =>
  ['male', 'female', 'unknown'].includes(gender) ? t(`vocab.gender.${gender}` as MessageKey) : gender;

/** Both sides say something, and not the same thing. */
const textsDiffer = (a: string, b: string) => a !== '' && b !== '' && a !== b;

/**
 * Identifiers differ only when both records carry one of the same system with different values (two
 * MRNs from one HIS); each source system numbering its own record is expected, not a conflict.
 */
function identifiersDiffer(a: ReviewSide, b: ReviewSide): boolean {
  return a.identifiers.some((x) => b.identifiers.some((y) => y.system === x.system && y.value !== x.value));
}

/** The fields compared side by side, in the order staff check a person's identity. */
const COMPARED: {
  key: string;
  label: MessageKey;
  read: Reader;
  differ?: (a: ReviewSide, b: ReviewSide) => boolean;
}[] = [
  { key: 'name', label: 'mpi.name', read: (s) => s.name },
  { key: 'gender', label: 'mpi.gender', read: (s, t) => genderLabel(s.gender, t) },
  { key: 'birthDate', label: 'mpi.birthDate', read: (s) => (s.birthDate ? formatDate(s.birthDate) : '') },
  { key: 'idCard', label: 'mpi.idCard', read: (s) => s.idCardMasked ?? '' },
  { key: 'phones', label: 'mpi.phones', read: (s) => [...s.phonesMasked].sort().join('、') },
  { key: 'address', label: 'mpi.address', read: (s) => s.address ?? '' },
  {
    key: 'identifiers',
    label: 'mpi.identifiers',
    read: (s) => s.identifiers.map((i) => `${i.system}: ${i.value}`).join('\n'),
    differ: identifiersDiffer,
  },
];

function lines(a: ReviewSide, b: ReviewSide, t: Translate): Line[] {
  const none = t('common.none');
  const compared = COMPARED.map(({ key, label, read, differ }) => {
    const va = read(a, t);
    const vb = read(b, t);
    const differs = differ ? differ(a, b) : textsDiffer(va, vb);
    return { key, label: t(label), a: va || none, b: vb || none, differ: differs };
  });
  const older = a.createdAt <= b.createdAt ? 'a' : 'b';
  const created = (side: ReviewSide, which: 'a' | 'b') => (
    <>
      {formatDateTime(side.createdAt)} {which === older && <Tag color="blue">{t('mpi.older')}</Tag>}
    </>
  );
  return [
    ...compared,
    { key: 'visits', label: t('mpi.visits'), a: a.visits, b: b.visits, differ: false },
    { key: 'createdAt', label: t('mpi.createdAt'), a: created(a, 'a'), b: created(b, 'b'), differ: false },
  ];
}

/** The two records of a pair, side by side; values that disagree are highlighted. */
export function RecordComparison({ patient, candidate }: { patient: ReviewSide; candidate: ReviewSide }) {
  const { t } = useI18n();
  const cell = (line: Line) => ({ className: line.differ ? 'cb-compare-diff' : undefined });
  const columns: TableProps<Line>['columns'] = [
    { title: '', dataIndex: 'label', width: 96, className: 'cb-compare-label' },
    {
      title: t('mpi.side.patient'),
      dataIndex: 'a',
      onCell: cell,
      render: (value: ReactNode) => <span style={{ whiteSpace: 'pre-line' }}>{value}</span>,
    },
    {
      title: t('mpi.side.candidate'),
      dataIndex: 'b',
      onCell: cell,
      render: (value: ReactNode) => <span style={{ whiteSpace: 'pre-line' }}>{value}</span>,
    },
  ];
  return (
    <Table<Line>
      className="cb-compare"
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={lines(patient, candidate, t)}
      onRow={(line) => ({ 'data-differ': line.differ ? 'true' : undefined }) as HTMLAttributes<HTMLElement>}
    />
  );
}
