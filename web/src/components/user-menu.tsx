// The user's dropdown: who is signed in, profile (name, password), sign out.
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Dropdown, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../lib/api';
import { notifyError } from '../lib/notify';
import { useMe, useSetSession } from '../lib/session';
import { ProfileModal } from './profile-modal';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const setSession = useSetSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [profileOpen, setProfileOpen] = useState(false);

  const logout = async () => {
    try {
      await api.post('/auth/logout');
    } catch (err) {
      notifyError(err);
    }
    setSession(null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    navigate('/login', { replace: true });
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'email', label: me.email, disabled: true },
            { type: 'divider' },
            { key: 'profile', icon: <UserOutlined />, label: t('layout.profile') },
            { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout') },
          ],
          onClick: ({ key }) => {
            if (key === 'logout') void logout();
            if (key === 'profile') setProfileOpen(true);
          },
        }}
      >
        <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
          <Avatar size="small" icon={<UserOutlined />} />
          <Typography.Text>{me.displayName}</Typography.Text>
        </Space>
      </Dropdown>
      <ProfileModal open={profileOpen} onClose={() => setProfileOpen(false)} />
    </>
  );
}
