import { render } from 'preact';

render(<p>工单助手：等待工单</p>, document.getElementById('app')!);
