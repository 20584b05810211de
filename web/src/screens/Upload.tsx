import { useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useClient, useMutation } from 'urql';
import { graphql } from '../__generated__';
import { describeError } from '../errors';
import { forgetUpload, UploadError, uploadFile, type UploadPhase } from '../upload';

const PublishDocument = graphql(`
  mutation PublishVideo($input: PublishVideoInput!) {
    publishVideo(input: $input) {
      id
    }
  }
`);

function describePhase(p: UploadPhase): string {
  if (p.phase === 'hashing') return `Reading the file… ${Math.floor(p.done * 100)}%`;
  if (p.phase === 'proving') return 'This file is already on the server: checking your copy instead of sending it…';
  if (p.phase === 'sending') return `${p.resumed ? 'Resuming' : 'Uploading'}… ${Math.floor(p.done * 100)}%`;
  return 'Checking the video…';
}

export default function Upload() {
  const [file, setFile] = useState<File>();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [phase, setPhase] = useState<UploadPhase>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController>(undefined);
  const client = useClient();
  const [, publish] = useMutation(PublishDocument);
  const navigate = useNavigate();
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(undefined);
    setBusy(true);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const { uploadId, instant } = await uploadFile(client, file, setPhase, controller.signal);
      const tagList = tags.split(',').map((t) => t.trim()).filter(Boolean);
      const published = await publish({ input: { uploadId, title: title.trim(), description, tags: tagList } });
      if (published.error || !published.data) {
        setError(describeError(published.error));
        return;
      }
      forgetUpload(uploadId);
      void navigate(`/watch/${published.data.publishVideo.id}`, { state: { instant } });
    } catch (err) {
      if (controller.signal.aborted) setError('Paused. Choose Upload again to resume where it stopped.');
      else if (err instanceof UploadError && err.code === 'NETWORK') setError('The connection was lost. Choose Upload again to resume where it stopped.');
      else setError((err as Error).message);
    } finally {
      setBusy(false);
      abort.current = undefined;
    }
  };

  return (
    <section className="card upload" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>Upload a video</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${ids}-f`}>Video file</label>
        <input id={`${ids}-f`} type="file" accept="video/*" required onChange={(e) => setFile(e.target.files?.[0])} disabled={busy} />
        <label htmlFor={`${ids}-t`}>Title</label>
        <input id={`${ids}-t`} required maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} disabled={busy} />
        <label htmlFor={`${ids}-d`}>Description (optional)</label>
        <textarea id={`${ids}-d`} maxLength={2000} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} disabled={busy} />
        <label htmlFor={`${ids}-g`}>Tags, separated by commas (optional)</label>
        <input id={`${ids}-g`} value={tags} onChange={(e) => setTags(e.target.value)} disabled={busy} />
        {phase && busy && (
          <div role="status" className="progress">
            <span>{describePhase(phase)}</span>
            {(phase.phase === 'hashing' || phase.phase === 'sending') && <progress max={1} value={phase.done} aria-label="Upload progress" />}
          </div>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !file}>
            Upload
          </button>
          {busy && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Pause
            </button>
          )}
        </div>
      </form>
      <p className="hint">Large files are sent in 5 MiB pieces: if the upload stops, choose the same file again and it resumes.</p>
    </section>
  );
}
