import { useOptions } from './context';

/** Behaviour switches shared with the side panel (auto-fill) and the worklist (phone numbers). */
export function Toggles() {
  const o = useOptions();
  return (
    <section aria-labelledby="toggles-h">
      <h2 id="toggles-h">使用习惯</h2>
      <label class="toggle">
        <input type="checkbox" checked={o.autoFill.value} data-testid="auto-fill" onChange={(e) => void o.setAutoFill(e.currentTarget.checked)} />
        <span>
          自动填写
          <small>打开工单时自动填写工单类型、分类、派单部门和标签（随时可在侧边栏撤销）</small>
        </span>
      </label>
      <label class="toggle">
        <input
          type="checkbox"
          checked={o.revealPhones.value}
          data-testid="reveal-phones"
          onChange={(e) => void o.setRevealPhones(e.currentTarget.checked)}
        />
        <span>
          显示完整电话
          <small>关闭时待办列表中的电话号码只显示前三位和后四位</small>
        </span>
      </label>
    </section>
  );
}
