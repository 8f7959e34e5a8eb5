import type { ThemeConfig } from 'antd';

export const BRAND_COLOR = '#0b7a75';

/** System UI fonts first, then the CJK faces of macOS, Windows and Linux so Chinese never falls back to serif. */
export const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOR,
    colorInfo: BRAND_COLOR,
    colorLink: BRAND_COLOR,
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    colorBgLayout: '#f3f6f8',
  },
  components: {
    Layout: { headerBg: '#0d3b4a', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 6, itemSelectedBg: '#e3f4f2', itemSelectedColor: BRAND_COLOR },
    Table: { headerBg: '#f5f8fa', cellPaddingBlockSM: 8 },
    Card: { headerFontSize: 15 },
  },
};
