import { describe, expect, it } from 'vitest';
import { placeTokens } from '../../core/rules/name.variant';
import { makeReport, withText } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const police = makeReport('2019', { year: 2020, agency: '聊城市公安局茌平分局' });
const seed =
  '今年来，聊城市公安局茌平分局主动公开信息数为97条。我局现有“茌平公安”新浪微博、微信公众号、今日头条号三个新媒体平台。其中“茌平公安”微博现有粉丝4475多人；“茌平公安”微信公众号现有粉丝13710多人；“荏平公安”头条号现有粉丝4120多人。本报告的电子版可在茌平区人民政府门户网站下载。';
const pingtan = makeReport('2021', { year: 2024, agency: '平潭综合实验区' });

testRule('name.variant', {
  valid: [
    { name: 'the built report', report: police },
    { name: 'the name always written right', report: withText(police, seed.replace('荏平', '茌平')) },
    {
      name: 'an ordinary word one character from the place name (平安 / 平潭)',
      report: withText(pingtan, '平潭综合实验区持续推进平潭建设。平潭发展迅速，平潭建设成效明显。建设平安平潭，平安建设扎实推进。'),
    },
    {
      name: 'a one-character variant in a context foreign to the agency’s name (平安建设 / 平潭建设)',
      report: withText(pingtan, '平潭综合实验区推进平潭建设，平潭建设成效明显，平潭综合实验区平安建设扎实推进。'),
    },
    { name: 'a place name used once or twice is not a pattern', report: withText(police, '“茌平公安”微博；“荏平公安”头条号。') },
  ],
  invalid: [
    {
      name: 'a misspelt zone name (平谭综合实验区)',
      report: withText(pingtan, '平潭综合实验区持续推进政务公开。平潭综合实验区党工委、管委会高度重视，平潭综合实验区各部门积极配合。平谭综合实验区管委会办公室负责。'),
      issues: [{ message: /“平谭综合”中的“平谭”与本机关名称中的“平潭”相差一个字/ }],
    },
    {
      name: '荏平公安 among 茌平公安 (000-chiping-police)',
      report: withText(police, seed),
      issues: [{ severity: 'warning', table: null, row: null, column: null, message: /^正文“荏平公安”中的“荏平”与本机关名称中的“茌平”相差一个字/ }],
    },
  ],
});

describe('placeTokens', () => {
  it.each([
    ['聊城市公安局茌平分局', ['聊城', '茌平']],
    ['淮安市洪泽区人民政府', ['淮安', '洪泽']],
    ['平潭综合实验区', ['平潭']],
    ['上海市人民政府办公厅', ['上海']],
    ['沭阳县发展和改革局', ['沭阳']],
    ['上海市市场监督管理局', ['上海']],
  ])('%s → %j', (name, want) => expect(placeTokens([name])).toEqual(want));
});
