// /签收 — a lead unit's liaison signs the open instructions on an item.
import { handleSign } from '../../../handlers/loop.ts';
import { parseSign, type SignArgs } from '../../loop/parse.ts';
import { ANYONE, defineCommand } from '../spec.ts';

export const sign = defineCommand<SignArgs>({
  id: 'sign',
  names: ['签收', 'qs', 'sign'],
  help: { section: 'report', order: 60, text: '· /签收 28 — 签收领导对第28项的批示；/销号 28 已完成全部408套 — 牵头单位申请销号，督查室 /批准 销号28' },
  doc: '牵头单位联络员签收领导对该项的批示 `/签收 28`',
  access: ANYONE,
  writes: true,
  needs: ['db'],
  parse: (rest) => parseSign(rest),
  run: (c, a) => handleSign(c.progress(), a),
});
