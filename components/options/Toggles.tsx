import { LOCKED_TEXT } from '@/utils/settings';
import { useOptions } from './context';

/** Behaviour switches shared with the side panel (auto-fill) and the worklist (phone numbers). */
export function Toggles() {
  const o = useOptions();
  const locked = o.locked.value;
  const errors = o.policyErrors.value;
  return (
    <section aria-labelledby="toggles-h">
      <h2 id="toggles-h">使用习惯</h2>
      <label class={locked.autoFill ? 'toggle locked' : 'toggle'}>
        <input
          type="checkbox"
          checked={o.autoFill.value}
          disabled={locked.autoFill}
          data-testid="auto-fill"
          onChange={(e) => void o.setAutoFill(e.currentTarget.checked)}
        />
        <span>
          自动填写
          {locked.autoFill && <Locked />}
          <small>打开工单时自动填写工单类型、分类、派单部门和标签（随时可在侧边栏撤销）</small>
        </span>
      </label>
      <label class={locked.revealPhones ? 'toggle locked' : 'toggle'}>
        <input
          type="checkbox"
          checked={o.revealPhones.value}
          disabled={locked.revealPhones}
          data-testid="reveal-phones"
          onChange={(e) => void o.setRevealPhones(e.currentTarget.checked)}
        />
        <span>
          显示完整电话
          {locked.revealPhones && <Locked />}
          <small>关闭时待办列表中的电话号码只显示前三位和后四位</small>
        </span>
      </label>
      {errors.length > 0 && (
        <div class="notice bad" role="status" data-testid="policy-settings-errors">
          中心策略中的这些设置有误，未采用：
          <ul class="errors">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The mark on a setting the centre's policy fixes. */
export function Locked() {
  return (
    <em
      class="locked-note"
      data-testid="locked-note"
      style={{ marginLeft: '6px', fontStyle: 'normal', fontSize: '12px', color: '#8a5a00' }}
    >
      {LOCKED_TEXT}
    </em>
  );
}
