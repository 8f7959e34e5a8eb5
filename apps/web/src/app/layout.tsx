import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Dropdown, Flex, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { DownOutlined, HomeOutlined, LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { logout } from '../api/endpoints';
import { ChangePasswordModal } from '../features/auth/change-password-modal';
import { NotificationBell } from '../features/notifications/notification-bell';
import { useI18n } from './i18n';
import { LangSwitch } from './lang-switch';
import { useCan, useMe } from './session';
import { BrandMark } from './brand';
import { ADMIN_NAV, WORK_NAV, type NavEntry } from './navigation';

function useSideMenuItems(): MenuProps['items'] {
  const { t } = useI18n();
  const can = useCan();
  const toItem = (entry: NavEntry) => ({
    key: entry.path,
    icon: entry.icon,
    label: entry.external ? (
      <a href={entry.path} target="_blank" rel="noreferrer">
        {t(entry.label)}
      </a>
    ) : (
      t(entry.label)
    ),
  });
  const work = WORK_NAV.filter((entry) => can(entry.permission)).map(toItem);
  const admin = ADMIN_NAV.filter((entry) => can(entry.permission)).map(toItem);
  const home = { key: '/', icon: <HomeOutlined />, label: t('nav.home') };
  if (admin.length === 0) return [home, ...work];
  return [home, ...work, { type: 'group', key: 'admin', label: t('nav.admin'), children: admin }];
}

function selectedKey(pathname: string): string {
  const match = [...WORK_NAV, ...ADMIN_NAV].find(
    (entry) => pathname === entry.path || pathname.startsWith(entry.path + '/'),
  );
  return match ? match.path : '/';
}

function UserMenu({ onChangePassword }: { onChangePassword: () => void }) {
  const { t, roleLabel } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  async function signOut() {
    try {
      await logout();
    } finally {
      queryClient.clear();
      void message.success(t('user.loggedOut'));
      await navigate('/login', { replace: true });
    }
  }

  const items: MenuProps['items'] = [
    {
      key: 'password',
      icon: <LockOutlined />,
      label: <span data-testid="change-password">{t('user.changePassword')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('user.logout')}</span>,
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') onChangePassword();
    if (key === 'logout') void signOut();
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <button type="button" className="cb-user-button" data-testid="user-menu">
        <Avatar size={30} className="cb-avatar">
          {me.displayName.slice(0, 1).toUpperCase()}
        </Avatar>
        <span className="cb-user-text">
          <span className="cb-user-name">{me.displayName}</span>
          <span className="cb-user-roles">{me.roles.map(roleLabel).join(' · ')}</span>
        </span>
        <DownOutlined style={{ fontSize: 10 }} />
      </button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const items = useSideMenuItems();
  const [collapsed, setCollapsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    if (key.startsWith('/api/')) return; // the external link opens itself
    void navigate(key);
  };

  return (
    <Layout className="cb-shell">
      <Layout.Header className="cb-header">
        <Flex align="center" gap={12} className="cb-brand">
          <BrandMark size={30} />
          <Typography.Text className="cb-brand-name">{t('app.name')}</Typography.Text>
          <span className="cb-brand-tagline">{t('app.tagline')}</span>
        </Flex>
        <Flex align="center" gap={8}>
          <NotificationBell className="cb-header-button" />
          <LangSwitch className="cb-header-button" />
          <UserMenu onChangePassword={() => setPasswordOpen(true)} />
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          theme="light"
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="cb-sider"
        >
          <div data-testid="side-menu">
            <Menu
              mode="inline"
              items={items}
              selectedKeys={[selectedKey(location.pathname)]}
              onClick={onMenuClick}
              className="cb-menu"
            />
          </div>
        </Layout.Sider>
        <Layout.Content className="cb-content">
          <Suspense fallback={<Spin className="cb-page-spin" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
