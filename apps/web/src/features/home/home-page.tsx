import { Avatar, Card, Col, Descriptions, List, Row, Tag, Typography } from 'antd';
import { CheckCircleTwoTone } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { PERMISSIONS } from '@carebridge/contracts';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useCan, useMe } from '../../app/session';
import { ADMIN_NAV, WORK_NAV } from '../../app/navigation';

/** The daily-work and admin pages, without links that leave the console. */
const QUICK_LINKS = [...WORK_NAV, ...ADMIN_NAV].filter((entry) => !entry.external);

export function HomePage() {
  const { t, roleLabel } = useI18n();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const abilities = PERMISSIONS.filter((p) => me.permissions.includes(p));
  const links = QUICK_LINKS.filter((link) => can(link.permission));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card className="cb-welcome" data-testid="welcome-card">
          <div className="cb-welcome-head">
            <Avatar size={56} className="cb-avatar">
              {me.displayName.slice(0, 1).toUpperCase()}
            </Avatar>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('home.welcome', { name: me.displayName })}
              </Typography.Title>
              <Typography.Text type="secondary">{me.username}</Typography.Text>
            </div>
          </div>
          <Descriptions
            column={1}
            size="small"
            style={{ marginTop: 20 }}
            items={[
              {
                key: 'roles',
                label: t('home.roles'),
                children: me.roles.map((role) => (
                  <Tag key={role} color="cyan">
                    {roleLabel(role)}
                  </Tag>
                )),
              },
              { key: 'department', label: t('home.department'), children: me.department ?? t('common.none') },
              { key: 'lastLogin', label: t('home.lastLogin'), children: formatDateTime(me.lastLoginAt) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('home.canDo')} style={{ height: '100%' }}>
          <List
            size="small"
            split={false}
            dataSource={abilities}
            renderItem={(permission) => (
              <List.Item>
                <CheckCircleTwoTone twoToneColor="#0b7a75" style={{ marginRight: 8 }} />
                {t(`perm.${permission}`)}
              </List.Item>
            )}
          />
        </Card>
      </Col>
      {links.length > 0 && (
        <Col span={24}>
          <Card title={t('home.quickLinks')}>
            <Row gutter={[12, 12]}>
              {links.map((link) => (
                <Col key={link.path} xs={24} sm={12} md={8}>
                  <Card
                    hoverable
                    size="small"
                    className="cb-quick-link"
                    onClick={() => void navigate(link.path)}
                  >
                    <span className="cb-quick-link-icon">{link.icon}</span>
                    {t(link.label)}
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      )}
    </Row>
  );
}
