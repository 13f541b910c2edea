// The regions ListInstanceRegion answers: where Container Registry Enterprise Edition instances
// can be created, with their names in English and (for `Lang=zh-CN`) Chinese. Sorted by RegionId.

export interface Region {
  readonly RegionId: string;
  readonly en: string;
  readonly zh: string;
}

export const REGIONS: readonly Region[] = [
  { RegionId: 'ap-northeast-1', en: 'Japan (Tokyo)', zh: '日本（东京）' },
  { RegionId: 'ap-south-1', en: 'India (Mumbai)', zh: '印度（孟买）' },
  { RegionId: 'ap-southeast-1', en: 'Singapore', zh: '新加坡' },
  { RegionId: 'ap-southeast-2', en: 'Australia (Sydney)', zh: '澳大利亚（悉尼）' },
  { RegionId: 'ap-southeast-3', en: 'Malaysia (Kuala Lumpur)', zh: '马来西亚（吉隆坡）' },
  { RegionId: 'ap-southeast-5', en: 'Indonesia (Jakarta)', zh: '印度尼西亚（雅加达）' },
  { RegionId: 'cn-beijing', en: 'China (Beijing)', zh: '华北2（北京）' },
  { RegionId: 'cn-chengdu', en: 'China (Chengdu)', zh: '西南1（成都）' },
  { RegionId: 'cn-hangzhou', en: 'China (Hangzhou)', zh: '华东1（杭州）' },
  { RegionId: 'cn-hongkong', en: 'China (Hong Kong)', zh: '中国（香港）' },
  { RegionId: 'cn-huhehaote', en: 'China (Hohhot)', zh: '华北5（呼和浩特）' },
  { RegionId: 'cn-qingdao', en: 'China (Qingdao)', zh: '华北1（青岛）' },
  { RegionId: 'cn-shanghai', en: 'China (Shanghai)', zh: '华东2（上海）' },
  { RegionId: 'cn-shenzhen', en: 'China (Shenzhen)', zh: '华南1（深圳）' },
  { RegionId: 'cn-zhangjiakou', en: 'China (Zhangjiakou)', zh: '华北3（张家口）' },
  { RegionId: 'eu-central-1', en: 'Germany (Frankfurt)', zh: '德国（法兰克福）' },
  { RegionId: 'eu-west-1', en: 'UK (London)', zh: '英国（伦敦）' },
  { RegionId: 'me-east-1', en: 'UAE (Dubai)', zh: '阿联酋（迪拜）' },
  { RegionId: 'us-east-1', en: 'US (Virginia)', zh: '美国（弗吉尼亚）' },
  { RegionId: 'us-west-1', en: 'US (Silicon Valley)', zh: '美国（硅谷）' },
];
