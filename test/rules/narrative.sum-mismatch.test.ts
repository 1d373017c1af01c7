import { makeReport, withText } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r = makeReport('2021');

testRule('narrative.sum-mismatch', {
  valid: [
    { name: 'the built narrative', report: r },
    { name: 'parts that add up (the seed: 97 = 3 + 6 + 88)', report: withText(r, '主动公开信息数为97条，其中机构职能类信息3条，防范化解金融风险类6条，其他类88条。') },
    { name: 'a list that is not complete may add up to less', report: withText(r, '当年发布政府信息393件，其中包括：行政规范性文件13件；规划计划文件2件；部门预算信息。') },
    { name: 'a list under "；" with percentages (07-pingtan)', report: withText(r, '办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。') },
    { name: 'a list ends at "；" (02-huaian)', report: withText(r, '政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。') },
    { name: 'a bracketed breakdown of one part is not a part', report: withText(r, '今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。') },
    { name: 'a total in another sentence is not compared', report: withText(r, '答复805件。其中予以公开258件，不予公开35件。') },
    { name: 'changes are not parts', report: withText(r, '收到申请100件，其中同比增长20件，网上申请90件。') },
    { name: 'an approximate total', report: withText(r, '发布信息1000余条，其中动态信息600条，政策解读500条。') },
  ],
  invalid: [
    {
      name: 'parts exceed the total (09-shanghai-stcsm)',
      report: withText(r, '“上海科技”网站全年累计发布信息 2139 条，其中动态类信息发布 1744 条，政务信息发布 393 条，解读类信息发布 21 条，回应公众关注热点信息 2 条。'),
      issues: [{ severity: 'warning', table: null, row: null, column: null, expected: null, actual: null, message: /总数 2139 条，所列分项 1744 \+ 393 \+ 21 \+ 2 = 2160 条，相差 21$/ }],
    },
    {
      name: 'a complete list (ending in 其他) that falls short (10-pingtan-2019)',
      report: withText(r, '今年，我区共公布政府信息2599条，(其中机构职能类信息25条，政策、规范性文件类信息68条，其他应主动公开政府信息856条)对于主动公开的政府信息，主要通过政府门户网站发布。'),
      issues: [{ expected: null, actual: null, message: /2599.*949|949.*2599/ }],
    },
  ],
});
