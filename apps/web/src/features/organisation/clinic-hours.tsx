import { Checkbox } from 'antd';
import { CLINIC_PERIODS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';

export type ClinicPeriod = (typeof CLINIC_PERIODS)[number];
export interface ClinicSession {
  weekday: number;
  period: ClinicPeriod;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const has = (value: readonly ClinicSession[], weekday: number, period: ClinicPeriod) =>
  value.some((s) => s.weekday === weekday && s.period === period);

/** Sorted Monday-first, morning before evening: the order staff read a clinic timetable. */
function sorted(sessions: ClinicSession[]): ClinicSession[] {
  const order = (s: ClinicSession) => s.weekday * 10 + CLINIC_PERIODS.indexOf(s.period);
  return [...sessions].sort((a, b) => order(a) - order(b));
}

/** Clinic hours as a weekday × period grid of checkboxes; a form control over [{weekday, period}]. */
export function ClinicHoursInput({
  value = [],
  onChange,
  disabled,
}: {
  value?: ClinicSession[];
  onChange?: (value: ClinicSession[]) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const toggle = (weekday: number, period: ClinicPeriod, on: boolean) => {
    const rest = value.filter((s) => !(s.weekday === weekday && s.period === period));
    onChange?.(sorted(on ? [...rest, { weekday, period }] : rest));
  };
  return (
    <table className="cb-clinic-grid" data-testid="clinic-hours">
      <thead>
        <tr>
          <th />
          {WEEKDAYS.map((d) => (
            <th key={d}>{t(`org.weekday.${d}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {CLINIC_PERIODS.map((period) => (
          <tr key={period}>
            <th>{t(`org.period.${period}`)}</th>
            {WEEKDAYS.map((d) => (
              <td key={d}>
                <Checkbox
                  aria-label={`${t(`org.weekday.${d}`)} ${t(`org.period.${period}`)}`}
                  checked={has(value, d, period)}
                  disabled={disabled}
                  onChange={(e) => toggle(d, period, e.target.checked)}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "周一上午、周三下午" — the short form for a table cell. */
export function useClinicHoursText(): (sessions: readonly ClinicSession[]) => string {
  const { t, lang } = useI18n();
  return (sessions) =>
    sorted([...sessions])
      .map(
        (s) =>
          `${t(`org.weekday.${s.weekday as (typeof WEEKDAYS)[number]}`)}${lang === 'en' ? ' ' : ''}${t(`org.period.${s.period}`)}`,
      )
      .join(lang === 'en' ? ', ' : '、');
}
