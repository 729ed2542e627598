/**
 * Genesys Cloud regions and their host suffixes, as listed by Genesys' own platform client
 * (`PureCloudRegionHosts` in purecloud-platform-client-v2 v223). Login is `login.<host>`,
 * the API `api.<host>`.
 */
export const GENESYS_REGIONS: readonly { region: string; place: string; host: string }[] = [
  { region: 'us-east-1', place: 'US East (Virginia)', host: 'mypurecloud.com' },
  { region: 'us-east-2', place: 'US East (Ohio, FedRAMP)', host: 'use2.us-gov-pure.cloud' },
  { region: 'us-west-2', place: 'US West (Oregon)', host: 'usw2.pure.cloud' },
  { region: 'ca-central-1', place: 'Canada (Central)', host: 'cac1.pure.cloud' },
  { region: 'sa-east-1', place: 'South America (São Paulo)', host: 'sae1.pure.cloud' },
  { region: 'eu-west-1', place: 'Europe (Ireland)', host: 'mypurecloud.ie' },
  { region: 'eu-west-2', place: 'Europe (London)', host: 'euw2.pure.cloud' },
  { region: 'eu-central-1', place: 'Europe (Frankfurt)', host: 'mypurecloud.de' },
  { region: 'eu-central-2', place: 'Europe (Zurich)', host: 'euc2.pure.cloud' },
  { region: 'me-central-1', place: 'Middle East (UAE)', host: 'mec1.pure.cloud' },
  { region: 'ap-south-1', place: 'Asia Pacific (Mumbai)', host: 'aps1.pure.cloud' },
  { region: 'ap-northeast-1', place: 'Asia Pacific (Tokyo)', host: 'mypurecloud.jp' },
  { region: 'ap-northeast-2', place: 'Asia Pacific (Seoul)', host: 'apne2.pure.cloud' },
  { region: 'ap-northeast-3', place: 'Asia Pacific (Osaka)', host: 'apne3.pure.cloud' },
  { region: 'ap-southeast-2', place: 'Asia Pacific (Sydney)', host: 'mypurecloud.com.au' },
]
