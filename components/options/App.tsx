import { Adapters } from './Adapters';
import { ClearAll } from './ClearAll';
import { useOptions } from './context';
import { Learning } from './Learning';
import { Packs } from './Packs';
import { Retention } from './Retention';
import { Toggles } from './Toggles';
import { Transfer } from './Transfer';

export function App() {
  const o = useOptions();
  const n = o.notice.value;
  return (
    <main class="options">
      <h1>工单助手 · 设置</h1>
      <p class="hint">所有工单数据只保存在本机浏览器中，不会上传。</p>
      {n && (
        <p class={n.bad ? 'notice bad' : 'notice'} role="status" data-testid="notice">
          {n.text}
        </p>
      )}
      <Toggles />
      <Retention />
      <Transfer />
      <Adapters />
      <Packs />
      <Learning />
      <ClearAll />
    </main>
  );
}
